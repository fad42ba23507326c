import { createHash, randomBytes } from 'node:crypto'
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync, writevSync } from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { berthCode } from './berth-code.ts'
import { asBytes, type Contents, type StoredBytes } from './output-contents.ts'
import type { CachedFrontMatter } from './load/front-matter.ts'
import type { MarkdownResult } from './markdown/render-markdown.ts'
import { berthCacheDir } from './paths.ts'
import type { PageFacts } from './render/page-facts.ts'
import type { OutputManifest } from './write/output-manifest.ts'
import type { BuildRecord } from './write/up-to-date.ts'

/** Bumped whenever the file's layout or an entry's shape changes: an older file is never read. */
const FORMAT = 9

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
export type KnownFile = { path: string; digest: string; bytes: Uint8Array | StoredBytes }

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

/** Where a blob lies in the pack, and the CRC-32 of its bytes (checked when the pack is read). */
type BlobRef = [offset: number, length: number, crc: number]

type SavedEntries = {
  frontMatter: [string, CachedFrontMatter][]
  /**
   * Each post's HTML and markdown twin lie in the blob pack: as JSON strings they would be escaped,
   * and the twins alone doubled the JSON to parse.
   */
  markdown: [string, Omit<MarkdownEntry, 'result'> & { result: Omit<MarkdownResult, 'html' | 'twin'> & { html: BlobRef; twin: BlobRef } }][]
  pages: [string, KnownPage][]
  /** Like a post's HTML, each file's bytes lie in the blob pack. */
  search: [string, (Omit<KnownFile, 'bytes'> & { bytes: BlobRef })[]][]
}

/**
 * The blob pack a cache was read from: how long it was, and where each blob handed out lies, so that
 * the next write keeps those in place and appends only blobs that are new.
 */
export type BlobPack = {
  name: string
  size: number
  places: WeakMap<StoredBytes, BlobRef>
  /** The whole pack, for a write that makes a new one of the blobs still used. */
  read(): Buffer
}

/** The cached entries, and the pack their blobs were read from. */
export type BuildCacheEntries = Omit<BuildCache, keyof BuildCacheRecord> & { pack?: BlobPack }

/**
 * How the blobs of the cache entries are read: all with the entries, each checked against its CRC
 * ('at-once': the dev server, which keeps them for its whole run), or each when a stage first reads
 * it, a damaged one throwing a DamagedCacheError ('when-read': a build, which reads a few of them).
 */
export type BlobReading = 'at-once' | 'when-read'

/** The record of a cache file, and its entries, read once when asked for. */
export type OpenedBuildCache = { record: BuildCacheRecord; entries(reading?: BlobReading): BuildCacheEntries }

/** A blob of the cache that is not what the cache wrote: the build that read it starts again without the cache. */
export class DamagedCacheError extends Error {}

const PACK_NAME = /^blobs-[0-9a-f]{12}\.bin$/

/** The header's size: its lines padded with spaces, so that it is written last, once the parts' lengths and checksums are known. */
const HEADER_BYTES = 512

/**
 * The cache file a build left, opened: the record at once, the entries when asked for. Either part is
 * empty when the file is missing, damaged (each part's checksum, each blob's CRC), or written by
 * other code or another format (the salt). The file is a header naming the salt, each part's length
 * and checksum and the blob pack, then the record's JSON and the entries' JSON. The pack, a file
 * beside it, holds the HTML, twins and search files of the entries (the HTML stays the file's bytes,
 * decoded only by the stages that need its text); a build appends to it what is new, so a one-post
 * edit writes kilobytes, not the whole site's HTML again.
 */
export function openBuildCache(file: string, salt = cacheSalt()): OpenedBuildCache {
  const none = { record: {}, entries: () => emptyBuildCache() }
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    return none
  }
  const lines = splitHeader(bytes, 3)
  if (!lines || lines[0] !== `berth-cache ${salt}` || bytes[HEADER_BYTES - 1] !== 0x0a) return none
  const [recordLength, recordSum] = lines[1]!.split(' ')
  const [entriesLength, entriesSum, packName = ''] = lines[2]!.split(' ')
  const recordEnd = HEADER_BYTES + Number(recordLength)
  const entriesEnd = recordEnd + Number(entriesLength)
  if (!(recordEnd <= bytes.length && entriesEnd === bytes.length)) return none
  const recordBytes = bytes.subarray(HEADER_BYTES, recordEnd)
  if (sha256(recordBytes) !== recordSum) return none
  let record: BuildCacheRecord
  try {
    const saved = JSON.parse(recordBytes.toString('latin1')) as SavedRecord
    const output = saved.output && { outDir: saved.output.outDir, live: new Map(saved.output.live), ...(saved.output.spare ? { spare: new Map(saved.output.spare) } : {}) }
    record = { ...(output ? { output: output as BuildCache['output'] } : {}), ...(saved.lastBuild ? { lastBuild: saved.lastBuild } : {}) }
  } catch {
    return none
  }
  // Only the entries' part is kept, and let go once read: at 4,000 posts the file is 34 MB that the
  // rest of the build would otherwise carry.
  let entriesBytes: Buffer | undefined = bytes.subarray(recordEnd, entriesEnd)
  const parseEntries = (): SavedEntries | undefined => {
    const taken = entriesBytes
    entriesBytes = undefined
    if (taken === undefined) throw new Error('the cache entries are read once')
    if (sha256(taken) !== entriesSum || !PACK_NAME.test(packName)) return undefined
    try {
      return JSON.parse(taken.toString('latin1')) as SavedEntries
    } catch {
      return undefined
    }
  }
  return {
    record,
    entries(reading = 'at-once') {
      const saved = parseEntries()
      return saved ? withBlobs(saved, path.join(path.dirname(file), packName), reading) : emptyBuildCache()
    },
  }
}

/** The saved entries with their blobs in the pack (see BlobReading); empty when the pack is missing or any blob lies outside it or, read at once, is damaged. */
function withBlobs(saved: SavedEntries, packFile: string, reading: BlobReading): BuildCacheEntries {
  try {
    const whole = reading === 'at-once' ? readFileSync(packFile) : undefined
    const size = whole?.length ?? statSync(packFile).size
    const pack: BlobPack = { name: path.basename(packFile), size, places: new WeakMap(), read: () => whole ?? readFileSync(packFile) }
    const blob = (ref: BlobRef): StoredBytes => {
      const [offset, length, crc] = ref
      if (!(Number.isSafeInteger(offset) && Number.isSafeInteger(length) && offset >= 0 && length >= 0 && offset + length <= size)) throw new Error('blob out of the pack')
      const checked = (bytes: Uint8Array) => {
        if (zlib.crc32(bytes) !== crc) throw new DamagedCacheError(`a blob of berth's cache (${pack.name}) is damaged`)
        return bytes
      }
      let bytes = whole && checked(whole.subarray(offset, offset + length))
      const stored: StoredBytes = { byteLength: length, read: () => (bytes ??= checked(readRange(packFile, offset, length))) }
      if (length > 0) pack.places.set(stored, ref)
      return stored
    }
    const markdown = new Map(saved.markdown.map(([key, entry]): [string, MarkdownEntry] => [key, { ...entry, result: { ...entry.result, html: blob(entry.result.html), twin: blob(entry.result.twin) } }]))
    const search = new Map(saved.search.map(([key, files]): [string, KnownFile[]] => [key, files.map(({ bytes, ...file }) => ({ ...file, bytes: blob(bytes) }))]))
    return { frontMatter: new Map(saved.frontMatter), markdown, pages: new Map(saved.pages), search, pack }
  } catch {
    return emptyBuildCache()
  }
}

/** `length` bytes of `file` from `offset`; a file gone or cut short is a damaged cache. */
function readRange(file: string, offset: number, length: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(length)
  if (length === 0) return bytes
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    throw new DamagedCacheError(`the blob pack of berth's cache (${path.basename(file)}) is gone`)
  }
  try {
    let read = 0
    while (read < length) {
      const got = readSync(fd, bytes, read, length - read, offset + read)
      if (got === 0) throw new DamagedCacheError(`the blob pack of berth's cache (${path.basename(file)}) is cut short`)
      read += got
    }
    return bytes
  } finally {
    closeSync(fd)
  }
}

/** The whole cache a build left (see openBuildCache), or an empty one. */
export function readBuildCache(file: string, salt = cacheSalt()): BuildCache & { pack?: BlobPack } {
  const opened = openBuildCache(file, salt)
  return { ...opened.entries(), ...opened.record }
}

/**
 * Write the cache whole or not at all (beside its place, then renamed); a failure only costs the next
 * build time. Blobs that `from` holds keep their place in its pack and only new ones are appended,
 * until less than half the pack would still be used: then the used blobs go into a new pack. The HTML
 * of posts goes out as the buffers it is held in, never copied into one.
 */
export function writeBuildCache(file: string, cache: BuildCache, from?: BlobPack, salt = cacheSalt()): void {
  const dir = path.dirname(file)
  const blobs = collectBlobs(from)
  const markdownBlobs = [...cache.markdown].map(([, { result }]) => [blobs.place(result.html), blobs.place(result.twin)] as const)
  const searchBlobs = [...cache.search.values()].map((files) => files.map((file) => blobs.place(file.bytes)))
  const savedRecord: SavedRecord = {
    ...(cache.output ? { output: { outDir: cache.output.outDir, live: [...(cache.output.live ?? [])], ...(cache.output.spare ? { spare: [...cache.output.spare] } : {}) } } : {}),
    ...(cache.lastBuild ? { lastBuild: cache.lastBuild } : {}),
  }
  const temp = `${file}.${process.pid}.tmp`
  try {
    mkdirSync(dir, { recursive: true })
    const { name, at } = blobs.write(dir)
    const fd = openSync(temp, 'w')
    try {
      const record = Buffer.from(asciiJson(savedRecord), 'latin1')
      writeAll(fd, [Buffer.alloc(HEADER_BYTES, ' '), record])
      // The entries go out one by one: as one string, they and its copy as bytes were the build's peak.
      const entries = writeJsonLists(fd, [
        ['frontMatter', cache.frontMatter],
        ['markdown', mapEach(cache.markdown, ([key, entry], i): SavedEntries['markdown'][number] => [key, { ...entry, result: { ...entry.result, html: at(markdownBlobs[i]![0]), twin: at(markdownBlobs[i]![1]) } }])],
        ['pages', cache.pages],
        ['search', mapEach(cache.search, ([key, files], i): SavedEntries['search'][number] => [key, files.map((file, j) => ({ ...file, bytes: at(searchBlobs[i]![j]!) }))])],
      ])
      const lines = `berth-cache ${salt}\n${record.byteLength} ${sha256(record)}\n${entries.length} ${entries.sha256} ${name}\n`
      if (Buffer.byteLength(lines) >= HEADER_BYTES) throw new Error('the cache header is too long')
      writeSync(fd, Buffer.from(`${lines.padEnd(HEADER_BYTES - 1, ' ')}\n`), 0, HEADER_BYTES, 0)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, file)
    // Packs no cache file names any more: the one before a repack, or one a stopped build left.
    for (const other of readdirSync(dir)) if (PACK_NAME.test(other) && other !== name) rmSync(path.join(dir, other), { force: true })
  } catch {
    rmSync(temp, { force: true })
  }
}

function* mapEach<T, U>(items: Iterable<T>, map: (item: T, index: number) => U): Iterable<U> {
  let index = 0
  for (const item of items) yield map(item, index++)
}

/**
 * JSON with every character past ASCII escaped: its bytes are then the string's own, which decode as
 * Latin-1 into a one-byte string that JSON.parse reads twice as fast as the two-byte string UTF-8
 * text with a single typographic quote becomes (measured on 1,000 posts' entries: 37 ms against 65).
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(BEYOND_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
const BEYOND_ASCII = /[^\x00-\x7f]/g

/**
 * Write `{"name":[item,…],…}` at the file's position, each item made into JSON on its own and written
 * a megabyte at a time, in ASCII; its length and SHA-256.
 */
function writeJsonLists(fd: number, lists: [name: string, items: Iterable<unknown>][]): { length: number; sha256: string } {
  const hash = createHash('sha256')
  let length = 0
  let pending: string[] = []
  let pendingLength = 0
  const flush = () => {
    const bytes = Buffer.from(pending.join(''), 'latin1')
    hash.update(bytes)
    writeAll(fd, [bytes])
    length += bytes.byteLength
    pending = []
    pendingLength = 0
  }
  const push = (text: string) => {
    pending.push(text)
    pendingLength += text.length
    if (pendingLength > 2 ** 20) flush()
  }
  lists.forEach(([name, items], i) => {
    push(`${i === 0 ? '{' : ','}${JSON.stringify(name)}:[`)
    let first = true
    for (const item of items) {
      push(`${first ? '' : ','}${asciiJson(item)}`)
      first = false
    }
    push(']')
  })
  push('}')
  flush()
  return { length, sha256: hash.digest('hex') }
}

/**
 * The blobs of the entries a build writes: those already in `from`'s pack keep their place, fresh
 * ones are appended. Until the pack is written, a fresh blob's offset is -1 - its index.
 */
function collectBlobs(from: BlobPack | undefined) {
  const fresh: Uint8Array[] = []
  const kept = new Map<number, number>()
  let freshBytes = 0
  let keptBytes = 0
  const keep = (ref: BlobRef): BlobRef => {
    if (!kept.has(ref[0])) keptBytes += ref[1]
    kept.set(ref[0], ref[1])
    return ref
  }
  const place = (contents: Contents): BlobRef => {
    const ref = typeof contents === 'string' || contents instanceof Uint8Array ? undefined : from?.places.get(contents)
    if (ref) return keep(ref)
    const made = asBytes(contents)
    // An empty blob needs no place (and would share its offset with the blob after it).
    if (made.byteLength === 0) return [0, 0, 0]
    fresh.push(made)
    freshBytes += made.byteLength
    return [-fresh.length, made.byteLength, zlib.crc32(made)]
  }
  return {
    place,
    /** Append to `from`'s pack while at least half of it stays in use, else write the kept blobs and the fresh ones into a new pack. */
    write(dir: string): { name: string; at(ref: BlobRef): BlobRef } {
      const size = from && fileSize(path.join(dir, from.name))
      // The pack on disk must still hold every byte it held when this build opened it.
      if (from && size !== undefined && size >= from.size && 2 * (keptBytes + freshBytes) >= size + freshBytes) {
        const offsets = writeFile(path.join(dir, from.name), 'a', fresh)
        return { name: from.name, at: (ref) => (ref[0] < 0 ? [offsets[-ref[0] - 1]!, ref[1], ref[2]] : ref) }
      }
      const name = `blobs-${randomBytes(6).toString('hex')}.bin`
      const starts = [...kept.keys()].sort((a, b) => a - b)
      const old = starts.length > 0 ? from!.read() : undefined
      const offsets = writeFile(path.join(dir, name), 'w', [...starts.map((start) => old!.subarray(start, start + kept.get(start)!)), ...fresh])
      const moved = new Map(starts.map((start, i) => [start, offsets[i]!]))
      return { name, at: (ref) => (ref[1] === 0 ? ref : [ref[0] < 0 ? offsets[starts.length - ref[0] - 1]! : moved.get(ref[0])!, ref[1], ref[2]]) }
    },
  }
}

function fileSize(file: string): number | undefined {
  try {
    return statSync(file).size
  } catch {
    return undefined
  }
}

/** Write `parts` one after another into `file` (made anew, or appended to), and return where in it each part went. */
function writeFile(file: string, flags: 'w' | 'a', parts: readonly Uint8Array[]): number[] {
  const fd = openSync(file, flags)
  try {
    let offset = flags === 'a' ? fstatSync(fd).size : 0
    const offsets = parts.map((part) => ((offset += part.byteLength), offset - part.byteLength))
    writeAll(fd, parts)
    return offsets
  } finally {
    closeSync(fd)
  }
}

/** Write `parts` one after another, a few hundred buffers to a call. */
function writeAll(fd: number, parts: readonly Uint8Array[]): void {
  for (let start = 0; start < parts.length; start += 256) {
    const group = parts.slice(start, start + 256)
    const length = group.reduce((sum, part) => sum + part.byteLength, 0)
    const written = writevSync(fd, group)
    // A short write (a full disk, a signal) finishes one buffer at a time.
    if (written < length) writeSync(fd, Buffer.concat(group).subarray(written))
  }
}
function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
/** The first `count` lines of `bytes`; undefined when there are fewer. */
function splitHeader(bytes: Buffer, count: number): string[] | undefined {
  const lines: string[] = []
  let start = 0
  for (let i = 0; i < count; i++) {
    const end = bytes.indexOf(0x0a, start)
    // A header line is short; a file that is not a cache has no newline early on.
    if (end === -1 || end - start > 512) return undefined
    lines.push(bytes.toString('utf8', start, end))
    start = end + 1
  }
  return lines
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
