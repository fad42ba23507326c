import { createHash } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync, writevSync } from 'node:fs'
import path from 'node:path'
import { berthCode } from './berth-code.ts'
import type { CachedFrontMatter } from './load/front-matter.ts'
import type { MarkdownResult } from './markdown/render-markdown.ts'
import { berthCacheDir } from './paths.ts'
import type { PageFacts } from './render/page-facts.ts'
import type { OutputManifest } from './write/output-manifest.ts'
import type { BuildRecord } from './write/up-to-date.ts'

/** Bumped whenever the file's layout or an entry's shape changes: an older file is never read. */
const FORMAT = 5

/** A markdown result and every image it measured, which must still have the same bytes. */
export type MarkdownEntry = { result: MarkdownResult; images: ImageStamp[] }
/** An image's size and date, and its digest for when the date moved but the bytes may not have (a fresh clone). */
export type ImageStamp = { path: string; size: number; mtimeMs: number; digest: string }

/** What the cache knows of a rendered page: its bytes are the published copy's, which the writer vouches for. */
export type KnownPage = { digest: string; facts: PageFacts }

/**
 * A file of a search index shard, and its bytes: a shard is reused from its published copy when that
 * lies as the writer left it, else from these (a fresh clone has no published output to reuse).
 */
export type KnownFile = { path: string; digest: string; bytes: Uint8Array }

/**
 * Everything one build leaves for the next, by the key of what it was made from: parsed front matter
 * by the block's digest, markdown by post, settings and body, pages by their render's inputs, search
 * shards by their pages, and the writer's and up-to-date check's records. A build starts from the last
 * one's and keeps only the entries it used, so nothing grows with edits. Plain data: the dev server
 * keeps the same maps in memory.
 */
export type BuildCache = {
  frontMatter: Map<string, CachedFrontMatter>
  markdown: Map<string, MarkdownEntry>
  pages: Map<string, KnownPage>
  search: Map<string, KnownFile[]>
  output?: OutputManifest & { outDir: string }
  lastBuild?: BuildRecord
}

export function emptyBuildCache(): BuildCache {
  return { frontMatter: new Map(), markdown: new Map(), pages: new Map(), search: new Map() }
}

/** The cache file of a site: beside its dependencies, git-ignored like them. */
export function buildCacheFile(root: string): string {
  return path.join(berthCacheDir(root), 'cache.bin')
}

/** What salts every key: berth's code, its packages and its theme (see berth-code.ts). */
export function cacheSalt(): string {
  return `${FORMAT}:${berthCode()}`
}

/** What the up-to-date check needs, kept apart in the file so that it is read without the rest. */
export type BuildCacheRecord = Pick<BuildCache, 'output' | 'lastBuild'>

type SavedRecord = { output?: { outDir: string; live: [string, unknown][]; spare?: [string, unknown][] }; lastBuild?: BuildRecord }

type SavedEntries = {
  frontMatter: [string, CachedFrontMatter][]
  /**
   * Each post's HTML and markdown twin lie in the blob after the JSON, at [offset, length]: as JSON
   * strings they would be escaped, and the twins alone doubled the JSON to parse.
   */
  markdown: [string, Omit<MarkdownEntry, 'result'> & { result: Omit<MarkdownResult, 'html' | 'twin'> & { html: [number, number]; twin: [number, number] } }][]
  pages: [string, KnownPage][]
  /** Like a post's HTML, each file's bytes lie in the blob at [offset, length]. */
  search: [string, (Omit<KnownFile, 'bytes'> & { bytes: [number, number] })[]][]
}

/**
 * The cache file a build left, opened: the record at once, the entries when asked for. Either part is
 * empty when the file is missing, damaged (each part's checksum), or written by other code or another
 * format (the salt). The file is laid out as a header naming the salt and each part's length and
 * checksum, the record's JSON, the entries' JSON, then the HTML and twins of cached posts (the HTML
 * stays the file's bytes, decoded only by the stages that need its text).
 */
export function openBuildCache(file: string, salt = cacheSalt()): { record: BuildCacheRecord; entries(): Omit<BuildCache, keyof BuildCacheRecord> } {
  const none = { record: {}, entries: () => emptyBuildCache() }
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    return none
  }
  const lines = splitHeader(bytes, 3)
  if (!lines || lines[0] !== `berth-cache ${salt}`) return none
  const [recordLength, recordSum] = lines[1]!.split(' ')
  const [entriesLength, restSum] = lines[2]!.split(' ')
  const recordEnd = lines.end + Number(recordLength)
  const entriesEnd = recordEnd + Number(entriesLength)
  if (!(recordEnd <= bytes.length && entriesEnd <= bytes.length)) return none
  const recordBytes = bytes.subarray(lines.end, recordEnd)
  if (sha256(recordBytes) !== recordSum) return none
  let record: BuildCacheRecord
  try {
    const saved = JSON.parse(recordBytes.toString('utf8')) as SavedRecord
    const output = saved.output && { outDir: saved.output.outDir, live: new Map(saved.output.live), ...(saved.output.spare ? { spare: new Map(saved.output.spare) } : {}) }
    record = { ...(output ? { output: output as BuildCache['output'] } : {}), ...(saved.lastBuild ? { lastBuild: saved.lastBuild } : {}) }
  } catch {
    return none
  }
  return {
    record,
    entries() {
      const rest = bytes.subarray(recordEnd)
      if (sha256(rest) !== restSum) return emptyBuildCache()
      try {
        const saved = JSON.parse(bytes.toString('utf8', recordEnd, entriesEnd)) as SavedEntries
        const blob = bytes.subarray(entriesEnd)
        const slice = ([offset, length]: [number, number]) => blob.subarray(offset, offset + length)
        // A twin is text at once (every build publishes every twin); HTML stays bytes until read.
        const markdown = new Map(saved.markdown.map(([key, entry]): [string, MarkdownEntry] => [key, { ...entry, result: { ...entry.result, html: slice(entry.result.html), twin: slice(entry.result.twin).toString('utf8') } }]))
        const search = new Map(saved.search.map(([key, files]): [string, KnownFile[]] => [key, files.map(({ bytes, ...file }) => ({ ...file, bytes: slice(bytes) }))]))
        return { frontMatter: new Map(saved.frontMatter), markdown, pages: new Map(saved.pages), search }
      } catch {
        return emptyBuildCache()
      }
    },
  }
}

/** The whole cache a build left (see openBuildCache), or an empty one. */
export function readBuildCache(file: string, salt = cacheSalt()): BuildCache {
  const opened = openBuildCache(file, salt)
  return { ...opened.entries(), ...opened.record }
}

/**
 * Write the cache whole or not at all (beside its place, then renamed); a failure only costs the next
 * build time. The HTML of posts goes out as the buffers it is held in, never copied into one.
 */
export function writeBuildCache(file: string, cache: BuildCache, salt = cacheSalt()): void {
  const blobs: Uint8Array[] = []
  let offset = 0
  const place = (bytes: Uint8Array): [number, number] => {
    blobs.push(bytes)
    offset += bytes.byteLength
    return [offset - bytes.byteLength, bytes.byteLength]
  }
  const markdown: SavedEntries['markdown'] = [...cache.markdown].map(([key, entry]) => {
    const { html, twin } = entry.result
    return [key, { ...entry, result: { ...entry.result, html: place(typeof html === 'string' ? Buffer.from(html) : html), twin: place(Buffer.from(twin)) } }]
  })
  const search: SavedEntries['search'] = [...cache.search].map(([key, files]) => [key, files.map((file) => ({ ...file, bytes: place(file.bytes) }))])
  const savedRecord: SavedRecord = {
    ...(cache.output ? { output: { outDir: cache.output.outDir, live: [...(cache.output.live ?? [])], ...(cache.output.spare ? { spare: [...cache.output.spare] } : {}) } } : {}),
    ...(cache.lastBuild ? { lastBuild: cache.lastBuild } : {}),
  }
  const record = Buffer.from(JSON.stringify(savedRecord))
  const entries = Buffer.from(JSON.stringify({ frontMatter: [...cache.frontMatter], markdown, pages: [...cache.pages], search } satisfies SavedEntries))
  const rest = createHash('sha256').update(entries)
  for (const blob of blobs) rest.update(blob)
  const header = Buffer.from(`berth-cache ${salt}\n${record.byteLength} ${sha256(record)}\n${entries.byteLength} ${rest.digest('hex')}\n`)
  const temp = `${file}.${process.pid}.tmp`
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    writeAll(temp, [header, record, entries, ...blobs])
    renameSync(temp, file)
  } catch {
    rmSync(temp, { force: true })
  }
}

/** Write `parts` one after another into a new file, a few hundred buffers to a call. */
function writeAll(file: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(file, 'w')
  try {
    for (let start = 0; start < parts.length; start += 256) {
      const group = parts.slice(start, start + 256)
      const length = group.reduce((sum, part) => sum + part.byteLength, 0)
      const written = writevSync(fd, group)
      // A short write (a full disk, a signal) finishes one buffer at a time.
      if (written < length) writeSync(fd, Buffer.concat(group).subarray(written))
    }
  } finally {
    closeSync(fd)
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The first `count` lines of `bytes`, and where the rest starts; undefined when there are fewer. */
function splitHeader(bytes: Buffer, count: number): (string[] & { end: number }) | undefined {
  const lines: string[] = []
  let start = 0
  for (let i = 0; i < count; i++) {
    const end = bytes.indexOf(0x0a, start)
    // A header line is short; a file that is not a cache has no newline early on.
    if (end === -1 || end - start > 512) return undefined
    lines.push(bytes.toString('utf8', start, end))
    start = end + 1
  }
  return Object.assign(lines, { end: start })
}

/**
 * A view of one of the cache's maps for a build: `get` reads the last build's entry and keeps it for
 * the next one, `set` keeps a new entry. What the build never asked for is left behind.
 */
export type CarriedMap<V> = { get(key: string): V | undefined; set(key: string, value: V): void }

export function carryOver<V>(previous: ReadonlyMap<string, V>, next: Map<string, V>): CarriedMap<V> {
  return {
    get(key) {
      const value = next.get(key) ?? previous.get(key)
      if (value !== undefined) next.set(key, value)
      return value
    },
    set: (key, value) => void next.set(key, value),
  }
}
