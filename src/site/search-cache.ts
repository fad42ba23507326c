import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { OutputFile } from '../types.ts'

type CachedFile = { path: string; base64: string }

/**
 * Search index shards kept between builds, one JSON file per shard named by the digest of what it
 * was built from. Entries a build did not use are removed at its end, so the folder holds one site's
 * index and does not grow with every edit.
 */
export type SearchCache = {
  get(key: string): OutputFile[] | undefined
  set(key: string, files: readonly OutputFile[]): void
  /** Remove every entry but those read or written since the cache was made. */
  prune(): void
}

export function createSearchCache(dir: string): SearchCache {
  const used = new Set<string>()
  const fileOf = (key: string) => path.join(dir, `${key}.json`)
  return {
    get(key) {
      used.add(key)
      return readEntry(fileOf(key))
    },
    set(key, files) {
      used.add(key)
      try {
        mkdirSync(dir, { recursive: true })
        // Write then rename, so a reader never sees half an entry.
        const temp = `${fileOf(key)}.${process.pid}.tmp`
        writeFileSync(temp, JSON.stringify(files.map((f): CachedFile => ({ path: f.path, base64: Buffer.from(f.contents as Uint8Array).toString('base64') }))))
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
      for (const name of names) if (!used.has(name.replace(/\.json$/, ''))) rmSync(path.join(dir, name), { force: true, recursive: true })
    },
  }
}

function readEntry(file: string): OutputFile[] | undefined {
  try {
    const entries = JSON.parse(readFileSync(file, 'utf8')) as CachedFile[]
    if (!Array.isArray(entries) || !entries.every(isCachedFile)) return undefined
    return entries.map((e) => ({ path: e.path, contents: new Uint8Array(Buffer.from(e.base64, 'base64')) }))
  } catch {
    return undefined
  }
}

/** A file inside its shard's folder: a foreign entry must not place files elsewhere in the output. */
function isCachedFile(entry: CachedFile): boolean {
  return typeof entry?.path === 'string' && typeof entry.base64 === 'string' && !entry.path.startsWith('/') && !entry.path.split('/').includes('..')
}
