import { createHash } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import pMap from 'p-map'
import * as pagefind from 'pagefind'
import { digestOf } from '../digest-files.ts'
import { listTree } from '../list-tree.ts'
import { asBytes, asText, contentsOf } from '../output-contents.ts'
import { compareByPath, toPosix } from '../paths.ts'
import type { OutputFile } from '../types.ts'
import { makeScratchFolder, sweepAbandonedScratch } from './pagefind-scratch.ts'
import type { CarriedMap, KnownFile } from '../build-cache.ts'

/** Where the search index and Pagefind's scripts are published. */
export const SEARCH_FOLDER = 'pagefind/'
/** Lists, relative to SEARCH_FOLDER, the shard bundles the search page merges into the first one. */
export const SHARDS_FILE = 'berth-shards.json'

/**
 * Pages per shard the index aims at, and the most shards a site gets (each is a few requests per
 * search). Small shards make a one-post edit cheap (Pagefind's time grows with the pages it indexes
 * again); a cold build pays a little for each shard's bundle.
 */
const SHARD_PAGES = 8
const MAX_SHARDS = 16
const PAGES_IN_FLIGHT = 64
const SHARDS_IN_FLIGHT = 2
/** Bumped whenever what a shard's key covers changes. */
const CACHE_FORMAT = 5

/** How the last build's shards are reused: by key, with the bytes of the published copies. */
export type ShardReuse = {
  shards: CarriedMap<KnownFile[]>
  /** A published file's bytes, if the writer left it with this digest and it is untouched since. */
  published(outputPath: string, digest: string): (() => Uint8Array | undefined) | undefined
}

/**
 * A full-text search index of the post pages (Pagefind, built now, so search works from the static
 * files with no server). Only `data-pagefind-body` parts are indexed: the posts, not their navigation.
 *
 * Pagefind cannot update an index, so a large site's index is split into shards by a hash of each
 * page's path: the first is a whole Pagefind bundle, the others hold only their index data and are
 * merged by the search page. With `reuse`, a shard whose pages are all unchanged and whose files are
 * published as they were made is not indexed again, so a one-post edit re-indexes one shard.
 */
export async function buildSearchIndex(pages: readonly OutputFile[], base: string, reuse?: ShardReuse): Promise<OutputFile[]> {
  const indexed = pages.filter((page) => page.page?.searchable === true).sort(compareByPath)
  const shards = splitIntoShards(indexed)
  const salt = JSON.stringify({ CACHE_FORMAT, pagefind: pagefindVersion(), base })
  const reused = shards.map((shardPages, shard) => reusedShard(reuse, shardKey(salt, shard === 0, shardPages), shard))
  // Shards to index go first, two at a time: Pagefind works in its own process.
  const order = [...shards.keys()].sort((a, b) => Number(reused[a] !== undefined) - Number(reused[b] !== undefined) || a - b)
  const built: OutputFile[][] = []
  await pMap(
    order,
    async (shard) => {
      const shardPages = shards[shard]!
      if (shard > 0 && shardPages.length === 0) return
      const files = reused[shard] ?? (await indexShard(shardPages, base, shard === 0)).map((file) => ({ ...file, path: SEARCH_FOLDER + shardFolder(shard) + file.path, digest: digestOf(file.contents!) }))
      if (reuse && !reused[shard]) reuse.shards.set(shardKey(salt, shard === 0, shardPages), files.map((file) => ({ path: file.path, digest: file.digest!, bytes: asBytes(contentsOf(file)) })))
      built[shard] = files
    },
    { concurrency: SHARDS_IN_FLIGHT },
  )
  const merged = shards.flatMap((shardPages, shard) => (shard > 0 && shardPages.length > 0 ? [shardFolder(shard)] : []))
  return [...built.flat(), { path: SEARCH_FOLDER + SHARDS_FILE, contents: `${JSON.stringify(merged)}\n` }].sort(compareByPath)
}

/** The last build's files of a shard. */
function reusedShard(reuse: ShardReuse | undefined, key: string, shard: number): OutputFile[] | undefined {
  const known = reuse?.shards.get(key)
  if (!known) return undefined
  const files: OutputFile[] = []
  for (const file of known) {
    // A foreign entry must not place files outside the shard's folder.
    if (!file.path.startsWith(SEARCH_FOLDER + shardFolder(shard)) || file.path.split('/').includes('..')) return undefined
    // The published copy, or else the bytes the cache kept (checked against their CRC as they are read).
    const published = reuse!.published(file.path, file.digest) ?? (() => asBytes(file.bytes))
    const load = () => {
      const bytes = published()
      if (bytes === undefined) throw new Error(`${file.path} in the output changed during the build; build again`)
      return bytes
    }
    files.push({ path: file.path, digest: file.digest, load })
  }
  return files
}

/**
 * Start Pagefind's process now, so that it is up by the time the pages are ready to index (starting it
 * is most of the time a one-shard edit spends in Pagefind), and clear the scratch folders that stopped
 * builds left. Failure is left to the indexing to report.
 */
export function startPagefind(): void {
  void sweepAbandonedScratch()
  pagefind
    .createIndex({})
    .then(({ index }) => index?.deleteIndex())
    .catch(() => undefined)
}

/**
 * Stop Pagefind's process now rather than when it notices that berth is gone: a command that has
 * finished leaves nothing running. A later index starts it again.
 */
export async function stopPagefind(): Promise<void> {
  await pagefind.close()
}

/** How many shards an index of this many pages is split into: a power of two, so it changes rarely as a site grows. */
export function shardCount(pages: number): number {
  let count = 1
  while (count < MAX_SHARDS && count * SHARD_PAGES < pages) count *= 2
  return count
}

function splitIntoShards(pages: readonly OutputFile[]): OutputFile[][] {
  const count = shardCount(pages.length)
  const shards: OutputFile[][] = Array.from({ length: count }, () => [])
  // A page stays in its shard while the shard count stays, whatever else is added or removed.
  for (const page of pages) shards[createHash('sha256').update(page.path).digest().readUInt32BE(0) % count]!.push(page)
  return shards
}

function shardFolder(shard: number): string {
  return shard === 0 ? '' : `shard-${shard}/`
}

function shardKey(salt: string, primary: boolean, pages: readonly OutputFile[]): string {
  const digest = createHash('sha256').update(salt).update(primary ? '\0primary' : '\0merged')
  for (const page of pages) digest.update('\0').update(page.path).update('\0').update(page.digest ?? digestOf(contentsOf(page)))
  return digest.digest('hex')
}

/** One Pagefind index of these pages: the whole bundle for the first shard, only the index data for the rest. */
async function indexShard(pages: readonly OutputFile[], base: string, primary: boolean): Promise<OutputFile[]> {
  const { index } = await pagefind.createIndex({})
  if (!index) throw new Error('Pagefind could not start')
  try {
    // Several pages in flight keep Pagefind busy (its index does not depend on their order); not all
    // at once, since each one in flight is a base64 copy of the page in memory.
    await pMap(pages, (page) => index.addHTMLFile({ url: base + page.path.replace(/index\.html$/, ''), content: asText(contentsOf(page)) }), { concurrency: PAGES_IN_FLIGHT })
    // Pagefind writes its files itself, then only those wanted are read back: a third of the time
    // that receiving the whole bundle through its pipe (base64, decoded in this thread) takes.
    const dir = makeScratchFolder()
    try {
      const written = await index.writeFiles({ outputPath: dir })
      if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`)
      const names = listTree(dir)
        .filter(({ dirent }) => dirent.isFile())
        .map(({ relPath }) => toPosix(relPath))
        .filter((name) => primary || !isPagefindScript(name))
      return names.map((name) => ({ path: name, contents: new Uint8Array(readFileSync(path.join(dir, name))) })).sort(compareByPath)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  } finally {
    await index.deleteIndex()
  }
}

/** Pagefind's scripts, styles and WebAssembly: a merged shard is searched with the first bundle's. */
function isPagefindScript(file: string): boolean {
  return /\.(js|css)$/.test(file) || /^wasm\.[^/]+\.pagefind$/.test(file)
}

/** Pagefind's version: an index made by another Pagefind is never reused. */
function pagefindVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }).version
}
