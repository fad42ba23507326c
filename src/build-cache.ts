import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { berthCode } from './berth-code.ts'
import type { CachedFrontMatter } from './load/front-matter.ts'
import type { MarkdownResult } from './markdown/render-markdown.ts'
import { berthCacheDir } from './paths.ts'
import type { PageFacts } from './render/page-facts.ts'
import type { OutputManifest } from './write/output-manifest.ts'
import type { BuildRecord } from './write/up-to-date.ts'

/** Bumped whenever the file's layout or an entry's shape changes: an older file is never read. */
const FORMAT = 1

/** A markdown result and the size and date of every image it measured, which must still match. */
export type MarkdownEntry = { result: MarkdownResult; images: ImageStamp[] }
export type ImageStamp = { path: string; size: number; mtimeMs: number }

/** What the cache knows of a rendered page: its bytes are the published copy's, which the writer vouches for. */
export type KnownPage = { digest: string; facts: PageFacts }

/** A file of a search index shard: its bytes are the published copy's, like a page's. */
export type KnownFile = { path: string; digest: string }

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

type Saved = {
  frontMatter: [string, CachedFrontMatter][]
  /** Each post's HTML lies in the file after the JSON, at [offset, length]. */
  markdown: [string, Omit<MarkdownEntry, 'result'> & { result: Omit<MarkdownResult, 'html'> & { html: [number, number] } }][]
  pages: [string, KnownPage][]
  search: [string, KnownFile[]][]
  output?: { outDir: string; live: [string, unknown][]; spare?: [string, unknown][] }
  lastBuild?: BuildRecord
}

/**
 * Read the cache a build left, or an empty one when there is none, or it is damaged (its checksum), or
 * it was written by other code or another format (its salt). The HTML of cached posts stays the file's
 * bytes, decoded only by the stages that need its text.
 */
export function readBuildCache(file: string, salt = cacheSalt()): BuildCache {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    return emptyBuildCache()
  }
  const lines = splitHeader(bytes, 3)
  if (!lines || lines[0] !== `berth-cache ${salt}`) return emptyBuildCache()
  const body = bytes.subarray(lines.end)
  if (createHash('sha256').update(body).digest('hex') !== lines[1]) return emptyBuildCache()
  const jsonLength = Number(lines[2])
  try {
    const saved = JSON.parse(body.toString('utf8', 0, jsonLength)) as Saved
    const blob = body.subarray(jsonLength)
    const markdown = new Map(saved.markdown.map(([key, entry]): [string, MarkdownEntry] => {
      const [offset, length] = entry.result.html
      return [key, { ...entry, result: { ...entry.result, html: blob.subarray(offset, offset + length) } }]
    }))
    const output = saved.output && { outDir: saved.output.outDir, live: new Map(saved.output.live), ...(saved.output.spare ? { spare: new Map(saved.output.spare) } : {}) }
    return {
      frontMatter: new Map(saved.frontMatter),
      markdown,
      pages: new Map(saved.pages),
      search: new Map(saved.search),
      ...(output ? { output: output as BuildCache['output'] } : {}),
      ...(saved.lastBuild ? { lastBuild: saved.lastBuild } : {}),
    }
  } catch {
    return emptyBuildCache()
  }
}

/** Write the cache whole or not at all (beside its place, then renamed); a failure only costs the next build time. */
export function writeBuildCache(file: string, cache: BuildCache, salt = cacheSalt()): void {
  const blobs: Uint8Array[] = []
  let offset = 0
  const markdown: Saved['markdown'] = [...cache.markdown].map(([key, entry]) => {
    const { html } = entry.result
    const bytes = typeof html === 'string' ? Buffer.from(html) : html
    blobs.push(bytes)
    offset += bytes.byteLength
    return [key, { ...entry, result: { ...entry.result, html: [offset - bytes.byteLength, bytes.byteLength] } }]
  })
  const saved: Saved = {
    frontMatter: [...cache.frontMatter],
    markdown,
    pages: [...cache.pages],
    search: [...cache.search],
    ...(cache.output ? { output: { outDir: cache.output.outDir, live: [...(cache.output.live ?? [])], ...(cache.output.spare ? { spare: [...cache.output.spare] } : {}) } } : {}),
    ...(cache.lastBuild ? { lastBuild: cache.lastBuild } : {}),
  }
  const json = Buffer.from(JSON.stringify(saved))
  const body = Buffer.concat([json, ...blobs])
  const header = `berth-cache ${salt}\n${createHash('sha256').update(body).digest('hex')}\n${json.byteLength}\n`
  const temp = `${file}.${process.pid}.tmp`
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(temp, Buffer.concat([Buffer.from(header), body]))
    renameSync(temp, file)
  } catch {
    rmSync(temp, { force: true })
  }
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
