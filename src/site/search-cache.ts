import { openCacheFolder } from '../cache-folder.ts'
import { digestOf } from '../digest-files.ts'
import type { OutputFile } from '../types.ts'

type CachedFile = { path: string; digest: string; base64: string }

/** Search index shards kept between builds, one entry per shard, named by the digest of what it was built from. */
export type SearchCache = {
  get(key: string): OutputFile[] | undefined
  /** Whether an entry is there for `key` (it is checked only when read). */
  has(key: string): boolean
  set(key: string, files: readonly OutputFile[]): void
  /** Remove every entry this build did not use. */
  prune(): void
}

export function createSearchCache(dir: string): SearchCache {
  const folder = openCacheFolder(dir, '.json')
  return {
    get: (key) => parseEntry(folder.read(key)),
    has: (key) => folder.has(key),
    set(key, files) {
      const json = JSON.stringify(files.map((f): CachedFile => ({ path: f.path, digest: f.digest ?? digestOf(f.contents as Uint8Array), base64: Buffer.from(f.contents as Uint8Array).toString('base64') })))
      folder.write(key, `${digestOf(json)}\n${json}`)
    },
    prune: () => folder.prune(),
  }
}

/**
 * The files of an entry, which starts with the digest of the rest: checked whole when read, so each
 * file's digest can be trusted and its bytes decoded only if the writer needs them.
 */
function parseEntry(text: string | undefined): OutputFile[] | undefined {
  const lineEnd = text?.indexOf('\n') ?? -1
  if (text === undefined || lineEnd === -1) return undefined
  const json = text.slice(lineEnd + 1)
  if (digestOf(json) !== text.slice(0, lineEnd)) return undefined
  try {
    const entries = JSON.parse(json) as CachedFile[]
    if (!Array.isArray(entries) || !entries.every(isCachedFile)) return undefined
    // Decoded only if the writer finds the published copy missing or changed; the digest tells it which.
    return entries.map((e) => ({ path: e.path, digest: e.digest, load: () => new Uint8Array(Buffer.from(e.base64, 'base64')) }))
  } catch {
    return undefined
  }
}

/** A file inside its shard's folder: a foreign entry must not place files elsewhere in the output. */
function isCachedFile(entry: CachedFile): boolean {
  return typeof entry?.path === 'string' && typeof entry.digest === 'string' && typeof entry.base64 === 'string' && !entry.path.startsWith('/') && !entry.path.split('/').includes('..')
}
