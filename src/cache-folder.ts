import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * A folder of cache entries, one file per key. Entries are written whole or not at all; entries
 * a build did not read or write can be pruned at its end, so the folder holds what the last build
 * used and does not grow with every edit.
 */
export type CacheFolder = {
  read(key: string): string | undefined
  write(key: string, contents: string): void
  /** Remove every entry but those read or written since the folder was opened. */
  prune(): void
}

export function openCacheFolder(dir: string, extension: string): CacheFolder {
  const used = new Set<string>()
  const fileOf = (key: string) => path.join(dir, key + extension)
  return {
    read(key) {
      used.add(key)
      try {
        return readFileSync(fileOf(key), 'utf8')
      } catch {
        return undefined
      }
    },
    write(key, contents) {
      used.add(key)
      try {
        mkdirSync(dir, { recursive: true })
        // Write then rename, so a reader never sees half an entry.
        const temp = `${fileOf(key)}.${process.pid}.tmp`
        writeFileSync(temp, contents)
        renameSync(temp, fileOf(key))
      } catch {
        // A cache that cannot be written only costs speed.
      }
    },
    prune() {
      let names: string[]
      try {
        names = readdirSync(dir)
      } catch {
        return
      }
      for (const name of names) if (!(name.endsWith(extension) && used.has(name.slice(0, -extension.length)))) rmSync(path.join(dir, name), { force: true, recursive: true })
    },
  }
}
