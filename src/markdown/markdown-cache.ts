import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import { openCacheFolder } from '../cache-folder.ts'
import { berthCode } from '../berth-code.ts'
import type { Page } from '../types.ts'
import type { MarkdownOutcome, MarkdownResult } from './render-markdown.ts'

/** Bumped whenever the shape of a cache entry changes, so old entries are never read. */
const FORMAT = 3

/** What a cached result was made from besides the post: the files and urls it looked at. */
type Dependencies = { images: { path: string; size: number; mtimeMs: number }[] }
type Entry = { format: number; key: string; result: MarkdownResult; dependencies: Dependencies }

export type MarkdownCache = {
  get(page: Page): MarkdownResult | undefined
  /** Keep a result; failed ones and results with errors are not kept. */
  set(page: Page, result: MarkdownOutcome): void
  stats(): { hits: number; misses: number }
  /** Remove every entry this build did not read or write, so the folder does not grow with every edit. */
  prune(): void
}

/**
 * A persistent cache of the markdown stage, one file per post under `dir` (a JSON line, then the
 * HTML), keyed by a hash of the post's path and body, the markdown settings, berth's version and its
 * markdown code. An entry is used
 * only when every image it sized is unchanged on disk and every `.md` link still points at the same url;
 * a corrupted, foreign or stale entry is ignored and replaced. Results with errors are never stored.
 */
export function createMarkdownCache(dir: string, settings: unknown, resolvePost: (file: string) => string | undefined, code = berthCode()): MarkdownCache {
  const salt = JSON.stringify({ FORMAT, settings, code })
  const folder = openCacheFolder(dir, '.entry')
  let hits = 0
  let misses = 0
  const keyOf = (page: Page) => createHash('sha256').update(salt).update('\0').update(page.source.path).update('\0').update(page.body).digest('hex')
  return {
    get(page) {
      const key = keyOf(page)
      const entry = parseEntry(folder.readBytes(key))
      if (entry && entry.format === FORMAT && entry.key === key && isFresh(entry.dependencies, resolvePost)) {
        hits++
        return entry.result
      }
      misses++
      return undefined
    },
    set(page, result) {
      if ('failed' in result || result.diagnostics.some((d) => d.severity === 'error')) return
      const key = keyOf(page)
      const dependencies: Dependencies = { images: result.images.map((image) => ({ path: image.path, ...fileStamp(image.path) })) }
      // The HTML, most of an entry, follows the JSON line as it is, and is read back as the bytes after
      // that line: decoded only if a stage needs the text (see html-text.ts).
      const { html, ...rest } = result
      const bytes = typeof html === 'string' ? Buffer.from(html) : html
      const line = `${JSON.stringify({ format: FORMAT, key, result: { ...rest, htmlBytes: bytes.byteLength }, dependencies })}\n`
      folder.write(key, Buffer.concat([Buffer.from(line), bytes]))
    },
    stats: () => ({ hits, misses }),
    prune: () => folder.prune(),
  }
}

function parseEntry(bytes: Buffer | undefined): Entry | undefined {
  // JSON text never holds a raw newline, nor does UTF-8 hold its byte inside another character.
  const lineEnd = bytes?.indexOf(0x0a) ?? -1
  if (bytes === undefined || lineEnd === -1) return undefined
  try {
    const entry = JSON.parse(bytes.toString('utf8', 0, lineEnd)) as Omit<Entry, 'result'> & { result: Omit<MarkdownResult, 'html'> & { htmlBytes: number } }
    if (!entry || typeof entry !== 'object' || !entry.result || typeof entry.result.htmlDigest !== 'string' || !Array.isArray(entry.dependencies?.images)) return undefined
    const { htmlBytes, ...rest } = entry.result
    const html = bytes.subarray(lineEnd + 1)
    // A cut-off or lengthened entry is never used.
    return html.length === htmlBytes ? { ...entry, result: { ...rest, html } } : undefined
  } catch {
    return undefined
  }
}

function isFresh(dependencies: Dependencies, resolvePost: (file: string) => string | undefined): boolean {
  for (const image of dependencies.images) {
    const now = fileStamp(image.path)
    if (now.size !== image.size || now.mtimeMs !== image.mtimeMs) return false
  }
  return true
}

function fileStamp(file: string): { size: number; mtimeMs: number } {
  try {
    const info = statSync(file)
    return { size: info.size, mtimeMs: info.mtimeMs }
  } catch {
    return { size: -1, mtimeMs: -1 }
  }
}

