import { expect, test } from 'vitest'
import { carryOver, type KnownFile } from '../../src/build-cache.ts'
import { buildSearchIndex, SEARCH_FOLDER, SHARDS_FILE, shardCount, type ShardReuse } from '../../src/site/search-index.ts'
import { digestOf } from '../../src/digest-files.ts'
import { contentsOf } from '../../src/output-contents.ts'
import { readPageFacts } from '../../src/render/page-facts.ts'
import type { OutputFile } from '../../src/types.ts'

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

/** Shard reuse as a build has it: the last build's shard entries, and its published files by digest. */
function reuseOf(known: ReadonlyMap<string, KnownFile[]>, published: readonly OutputFile[]): ShardReuse & { next: Map<string, KnownFile[]> } {
  const next = new Map<string, KnownFile[]>()
  const bytes = new Map(published.map((f) => [f.path, Buffer.from(contentsOf(f))]))
  return {
    next,
    shards: carryOver(known, next),
    published(outputPath, digest) {
      const file = bytes.get(outputPath)
      return file && digestOf(file) === digest ? () => file : undefined
    },
  }
}

const sameFiles = (a: readonly OutputFile[], b: readonly OutputFile[]) => {
  expect(a.map((f) => f.path)).toEqual(b.map((f) => f.path))
  for (const [i, file] of b.entries()) expect(Buffer.from(contentsOf(a[i]!)).equals(Buffer.from(contentsOf(file))), file.path).toBe(true)
}

test('after one page changes, one shard is indexed again and the index equals one built from scratch', { timeout: 120_000 }, async () => {
  const before = pages(60)
  const first = reuseOf(new Map(), [])
  const published = await buildSearchIndex(before, '/', first)
  expect(first.next.size).toBe(8)

  const after = before.map((p, i) => (i === 7 ? page('post-7', 'Rewritten with new words: quokka.') : p))
  const second = reuseOf(first.next, published)
  const incremental = await buildSearchIndex(after, '/', second)
  expect(second.next.size).toBe(8)
  expect([...second.next.keys()].filter((key) => !first.next.has(key))).toHaveLength(1)
  // The reused shards' files are the published bytes, loaded only when asked for.
  expect(incremental.filter((f) => f.contents === undefined).length).toBeGreaterThan(0)
  sameFiles(incremental, await buildSearchIndex(after, '/'))
})

test('a shard entry that places a file outside its shard is built again; a changed published copy gives way to the cache\'s bytes', { timeout: 60_000 }, async () => {
  const first = reuseOf(new Map(), [])
  const fresh = await buildSearchIndex(pages(8), '/', first)
  const [key, files] = [...first.next][0]!
  // Well formed, but placing a file outside its shard.
  const foreign = reuseOf(new Map([[key, [{ path: '../../index.html', digest: digestOf('hi'), bytes: Buffer.from('hi') }, ...files]]]), fresh)
  const again = await buildSearchIndex(pages(8), '/', foreign)
  expect(again.every((f) => f.contents !== undefined)).toBe(true)
  expect(again.some((f) => f.path.includes('..'))).toBe(false)
  sameFiles(again, fresh)
  // A published file changed by hand, or no published output at all (a fresh clone): the cache's bytes serve.
  const altered = fresh.map((f) => (f.path === files[0]!.path ? { ...f, contents: 'changed by hand', digest: undefined } : f))
  for (const published of [altered, []]) {
    const reused = await buildSearchIndex(pages(8), '/', reuseOf(first.next, published))
    expect(reused.filter((f) => f.contents === undefined).length).toBe(files.length)
    sameFiles(reused, fresh)
  }
})
