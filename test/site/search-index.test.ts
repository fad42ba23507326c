import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { buildSearchIndex, SEARCH_FOLDER, SHARDS_FILE, shardCount } from '../../src/site/search-index.ts'
import { digestOf } from '../../src/digest-files.ts'
import { contentsOf } from '../../src/output-contents.ts'
import { readPageFacts } from '../../src/render/page-facts.ts'
import type { OutputFile } from '../../src/types.ts'
import { makeTempDir } from '../helpers/temp-site.ts'

/** A post page as the theme renders it: only the data-pagefind-body part is indexed. */
function page(slug: string, words: string): OutputFile {
  const html = `<!doctype html><html lang="en"><head><title>${slug}</title></head><body><nav>menu</nav><main data-pagefind-body><h1>${slug}</h1><p>${words}</p></main></body></html>`
  return { path: `${slug}/index.html`, contents: html, page: readPageFacts(html, undefined) }
}

const pages = (count: number, extra: (i: number) => string = () => '') => Array.from({ length: count }, (_, i) => page(`post-${i}`, `Post number ${i} about containers. ${extra(i)}`))

const text = (file: OutputFile | undefined) => Buffer.from(file?.contents ?? '').toString('utf8')

test('an index grows by powers of two, a shard per 8 pages, up to sixteen shards; one shard for a small site', () => {
  expect([1, 8, 9, 16, 17, 64, 65, 128, 129, 1000, 100_000].map(shardCount)).toEqual([1, 1, 2, 2, 4, 8, 16, 16, 16, 16, 16])
})

test('a small site gets one whole Pagefind bundle and no shards to merge', { timeout: 30_000 }, async () => {
  const files = await buildSearchIndex(pages(8), '/')
  const byPath = new Map(files.map((f) => [f.path, f]))
  expect(byPath.has(`${SEARCH_FOLDER}pagefind-ui.js`)).toBe(true)
  expect(byPath.has(`${SEARCH_FOLDER}pagefind-entry.json`)).toBe(true)
  expect(JSON.parse(text(byPath.get(SEARCH_FOLDER + SHARDS_FILE)))).toEqual([])
  expect(files.some((f) => f.path.includes('/shard-'))).toBe(false)
})

test('a large index is split into shards that hold index data only, listed for the search page', { timeout: 60_000 }, async () => {
  const files = await buildSearchIndex(pages(60), '/docs/')
  const listed = JSON.parse(text(files.find((f) => f.path === SEARCH_FOLDER + SHARDS_FILE))) as string[]
  expect(listed).toEqual(['shard-1/', 'shard-2/', 'shard-3/', 'shard-4/', 'shard-5/', 'shard-6/', 'shard-7/'])
  for (const shard of listed) {
    const inShard = files.filter((f) => f.path.startsWith(SEARCH_FOLDER + shard)).map((f) => f.path.slice((SEARCH_FOLDER + shard).length))
    expect(inShard).toContain('pagefind-entry.json')
    expect(inShard.some((f) => f.startsWith('fragment/'))).toBe(true)
    expect(inShard.some((f) => f.startsWith('index/'))).toBe(true)
    // Scripts and WebAssembly come once, from the first bundle.
    expect(inShard.filter((f) => /\.(js|css)$|^wasm\./.test(f))).toEqual([])
  }
  // Every page is in exactly one shard: the fragment counts add up to the page count.
  const fragments = files.filter((f) => /\/fragment\/[^/]+$/.test(f.path))
  expect(fragments).toHaveLength(60)
  expect(files.map((f) => f.path)).toEqual(files.map((f) => f.path).sort())
})

test('after one page changes, one shard is indexed again and the index equals one built from scratch', { timeout: 120_000 }, async () => {
  const cacheDir = path.join(await makeTempDir(), 'search')
  const before = pages(60)
  await buildSearchIndex(before, '/', cacheDir)
  const entriesBefore = await readdir(cacheDir)
  expect(entriesBefore).toHaveLength(8)

  const after = before.map((p, i) => (i === 7 ? page('post-7', 'Rewritten with new words: quokka.') : p))
  const incremental = await buildSearchIndex(after, '/', cacheDir)
  const entriesAfter = await readdir(cacheDir)
  expect(entriesAfter).toHaveLength(8)
  expect(entriesAfter.filter((e) => !entriesBefore.includes(e))).toHaveLength(1)

  const fresh = await buildSearchIndex(after, '/')
  expect(incremental.map((f) => f.path)).toEqual(fresh.map((f) => f.path))
  for (const [i, file] of fresh.entries()) expect(Buffer.from(contentsOf(incremental[i]!)).equals(Buffer.from(contentsOf(file))), file.path).toBe(true)
})

test('a corrupted or foreign shard in the cache is ignored and built again', { timeout: 60_000 }, async () => {
  const cacheDir = path.join(await makeTempDir(), 'search')
  const fresh = await buildSearchIndex(pages(8), '/', cacheDir)
  const [entry] = await readdir(cacheDir)
  const sealed = (json: string) => `${digestOf(json)}\n${json}`
  // Well formed and sealed, but placing a file outside its shard.
  await writeFile(path.join(cacheDir, entry!), sealed(JSON.stringify([{ path: '../../index.html', digest: digestOf('hi'), base64: 'aGk=' }])))
  const again = await buildSearchIndex(pages(8), '/', cacheDir)
  expect(again.map((f) => f.path)).toEqual(fresh.map((f) => f.path))
  // Bytes changed after the entry was sealed.
  const text = await readFile(path.join(cacheDir, entry!), 'utf8')
  const damaged = text.replace(/"base64":"(.)/, (_, first: string) => `"base64":"${first === 'A' ? 'B' : 'A'}`)
  expect(damaged).not.toBe(text)
  await writeFile(path.join(cacheDir, entry!), damaged)
  const altered = await buildSearchIndex(pages(8), '/', cacheDir)
  for (const [i, file] of fresh.entries()) expect(Buffer.from(contentsOf(altered[i]!)).equals(Buffer.from(contentsOf(file))), file.path).toBe(true)
  await writeFile(path.join(cacheDir, entry!), '{ not json')
  const third = await buildSearchIndex(pages(8), '/', cacheDir)
  expect(third.map((f) => f.path)).toEqual(fresh.map((f) => f.path))
  expect(third.some((f) => f.path.includes('..'))).toBe(false)
})
