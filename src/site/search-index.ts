import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pMap from 'p-map'
import * as pagefind from 'pagefind'
import { compareByPath } from '../paths.ts'
import type { OutputFile } from '../types.ts'

const PAGES_IN_FLIGHT = 16

/** Where the search index and Pagefind's scripts are published. */
export const SEARCH_FOLDER = 'pagefind/'

/**
 * A full-text search index of the post pages (Pagefind, built now, so search works from the static
 * files with no server). Only `data-pagefind-body` parts are indexed: the posts, not their navigation.
 * With `cacheDir`, an index made from exactly the same pages is reused instead of built again.
 */
export async function buildSearchIndex(pages: readonly OutputFile[], base: string, cacheDir?: string): Promise<OutputFile[]> {
  const indexed = pages.filter((page): page is OutputFile & { contents: string } => typeof page.contents === 'string' && page.contents.includes('data-pagefind-body'))
  const digest = createHash('sha256').update(base)
  for (const page of indexed) digest.update('\0').update(page.path).update('\0').update(page.contents)
  const cacheFile = cacheDir ? path.join(cacheDir, `${digest.digest('hex')}.json`) : undefined
  const cached = cacheFile ? readCachedIndex(cacheFile) : undefined
  if (cached) return cached

  const { index } = await pagefind.createIndex({})
  if (!index) throw new Error('Pagefind could not start')
  let files: OutputFile[]
  try {
    // Several pages in flight keep Pagefind busy (its index does not depend on their order); not all
    // at once, since each one in flight is a base64 copy of the page in memory.
    await pMap(indexed, (page) => index.addHTMLFile({ url: base + page.path.replace(/index\.html$/, ''), content: page.contents }), { concurrency: PAGES_IN_FLIGHT })
    const result = await index.getFiles()
    files = result.files.map((file) => ({ path: SEARCH_FOLDER + file.path.replace(/\\/g, '/'), contents: new Uint8Array(file.content) })).sort(compareByPath)
  } finally {
    await index.deleteIndex()
  }
  if (cacheFile) writeCachedIndex(cacheFile, files)
  return files
}

function readCachedIndex(file: string): OutputFile[] | undefined {
  try {
    const entries = JSON.parse(readFileSync(file, 'utf8')) as { path: string; base64: string }[]
    if (!Array.isArray(entries) || !entries.every((e) => typeof e.path === 'string' && e.path.startsWith(SEARCH_FOLDER) && typeof e.base64 === 'string')) return undefined
    return entries.map((e) => ({ path: e.path, contents: new Uint8Array(Buffer.from(e.base64, 'base64')) }))
  } catch {
    return undefined
  }
}

function writeCachedIndex(file: string, files: readonly OutputFile[]): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(files.map((f) => ({ path: f.path, base64: Buffer.from(f.contents as Uint8Array).toString('base64') }))))
    renameSync(temp, file)
  } catch {
    // A cache that cannot be written only costs speed.
  }
}
