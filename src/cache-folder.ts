import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * A folder of cache entries, one file per key. Entries are written whole or not at all; entries
 * a build did not read or write can be pruned at its end, so the folder holds what the last build
 * used and does not grow with every edit.
 */
export type CacheFolder = {
  read(key: string): string | undefined
  /** The entry's bytes, for entries that keep part of themselves undecoded until it is needed. */
  readBytes(key: string): Buffer | undefined
  /** Whether there is an entry for `key`, without reading it (it may still turn out unusable). */
  has(key: string): boolean
  write(key: string, contents: string | Uint8Array): void
  /** Count an entry as used without reading it now (it may be read later, or not at all). */
  keep(key: string): void
  /** Remove every entry but those read or written since the folder was opened. */
  prune(): void
}

export function openCacheFolder(dir: string, extension: string): CacheFolder {
  const used = new Set<string>()
  const fileOf = (key: string) => path.join(dir, key + extension)
  const readBytes = (key: string) => {
    used.add(key)
    try {
      return readFileSync(fileOf(key))
    } catch {
      return undefined
    }
  }
  return {
    read: (key) => readBytes(key)?.toString('utf8'),
    readBytes,
    has: (key) => existsSync(fileOf(key)),
    write(key, contents) {
      used.add(key)
      writeWhole(fileOf(key), contents)
    },
    keep(key) {
      used.add(key)
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

/**
 * Write a cache file whole or not at all: written beside its place and renamed into it, so a reader
 * never sees half of it. A cache that cannot be written only costs speed, so failure is not an error.
 */
export function writeWhole(file: string, contents: string | Uint8Array): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, contents)
    renameSync(temp, file)
  } catch {
    // Nothing to do: the next build makes the entry again.
  }
}
