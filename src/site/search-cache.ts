import { openCacheFolder } from '../cache-folder.ts'
import type { OutputFile } from '../types.ts'

type CachedFile = { path: string; base64: string }

/** Search index shards kept between builds, one entry per shard, named by the digest of what it was built from. */
export type SearchCache = {
  get(key: string): OutputFile[] | undefined
  set(key: string, files: readonly OutputFile[]): void
  /** Remove every entry this build did not use. */
  prune(): void
}

export function createSearchCache(dir: string): SearchCache {
  const folder = openCacheFolder(dir, '.json')
  return {
    get: (key) => parseEntry(folder.read(key)),
    set: (key, files) => folder.write(key, JSON.stringify(files.map((f): CachedFile => ({ path: f.path, base64: Buffer.from(f.contents as Uint8Array).toString('base64') })))),
    prune: () => folder.prune(),
  }
}

function parseEntry(text: string | undefined): OutputFile[] | undefined {
  if (text === undefined) return undefined
  try {
    const entries = JSON.parse(text) as CachedFile[]
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
