import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { buildInMemory, makeSite, pngOfSize, post } from '../helpers/temp-site.ts'

const CACHE = 'node_modules/.cache/berth/markdown'

async function cachedSite() {
  return makeSite({
    'content/a.md': post('a', '# A\n\n![logo][logo]\n\nSee [b](b.md).\n\n[logo]: /assets/logo.png'),
    'content/b.md': post('b', '# B\n\n<toc>\n\n## One\n\n```bash\ndocker ps\n```'),
    'content/c.md': post('c', '# C\n\nPlain.'),
    'assets/logo.png': pngOfSize(10, 5),
  })
}

async function cacheFiles(root: string): Promise<string[]> {
  const entries = await readdir(path.join(root, CACHE), { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
}

test('a second build with nothing changed takes every post from the cache, and the output is byte-identical', async () => {
  const root = await cachedSite()
  const first = await buildInMemory(root)
  expect(first.result.cache).toEqual({ hits: 0, misses: 3 })
  const second = await buildInMemory(root)
  expect(second.result.cache).toEqual({ hits: 3, misses: 0 })
  const fresh = await buildInMemory(root, { cache: false })
  expect(fresh.result.cache).toBeUndefined()
  for (const [file, bytes] of fresh.files) expect(second.files.get(file), file).toEqual(bytes)
})

test('a changed post is rendered again; the others come from the cache', async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  await writeFile(path.join(root, 'content/c.md'), post('c', '# C\n\nChanged.'))
  const { result, text } = await buildInMemory(root)
  expect(result.cache).toEqual({ hits: 2, misses: 1 })
  expect(text('c/index.html')).toContain('Changed.')
})

test('a resized image, a moved link target or a new setting makes cached posts stale', async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  await writeFile(path.join(root, 'assets/logo.png'), pngOfSize(20, 8))
  const resized = await buildInMemory(root)
  expect(resized.result.cache).toEqual({ hits: 2, misses: 1 })
  expect(load(resized.text('a/index.html'))('img').attr('width')).toBe('20')

  await writeFile(path.join(root, 'content/b.md'), post('moved-b', '# B\n\n<toc>\n\n## One\n\n```bash\ndocker ps\n```'))
  const moved = await buildInMemory(root)
  expect(load(moved.text('a/index.html'))('a[href*="b"]').attr('href')).toBe('/moved-b/')

  const rebased = await buildInMemory(root, { base: '/docs/' })
  expect(rebased.result.cache).toEqual({ hits: 0, misses: 3 })
})

test('garbage or foreign entries in the cache are ignored and replaced, never trusted', async () => {
  const root = await cachedSite()
  const clean = await buildInMemory(root)
  const files = await cacheFiles(root)
  expect(files).toHaveLength(3)
  await writeFile(files[0]!, '{not json')
  const foreign = JSON.parse(await readFile(files[1]!, 'utf8')) as { result: { html: string } }
  foreign.result.html = '<p>planted</p>'
  await writeFile(files[1]!, JSON.stringify({ ...foreign, key: 'someone-else' }))
  await writeFile(files[2]!, JSON.stringify({ format: 999 }))
  const rebuilt = await buildInMemory(root)
  expect(rebuilt.result.cache).toEqual({ hits: 0, misses: 3 })
  for (const [file, bytes] of clean.files) expect(rebuilt.files.get(file), file).toEqual(bytes)
  expect((await buildInMemory(root)).result.cache).toEqual({ hits: 3, misses: 0 })
})

test('--no-cache leaves no cache behind', async () => {
  const root = await cachedSite()
  await buildInMemory(root, { cache: false })
  await expect(readdir(path.join(root, CACHE))).rejects.toThrow()
  await rm(root, { recursive: true, force: true })
})

test('a config change that leaves markdown alone (the site title) re-renders pages from the cache', async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  await writeFile(path.join(root, 'berth.config.json'), JSON.stringify({ title: 'Renamed site' }))
  const { result, text } = await buildInMemory(root)
  expect(result.cache).toEqual({ hits: 3, misses: 0 })
  expect(load(text('a/index.html'))('title').text()).toBe('A · Renamed site')
})

test('the search index is reused when no indexed page changed, and matches a fresh one byte for byte', async () => {
  const root = await cachedSite()
  const fresh = await buildInMemory(root, { cache: false })
  await buildInMemory(root)
  const indexes = await readdir(path.join(root, 'node_modules/.cache/berth/search'))
  expect(indexes).toHaveLength(1)
  const reused = await buildInMemory(root)
  const searchFiles = [...fresh.files.keys()].filter((f) => f.startsWith('pagefind/'))
  expect(searchFiles.length).toBeGreaterThan(3)
  for (const file of searchFiles) expect(reused.files.get(file), file).toEqual(fresh.files.get(file))
  await writeFile(path.join(root, 'content/c.md'), post('c', '# C\n\nNew words for the index.'))
  await buildInMemory(root)
  expect(await readdir(path.join(root, 'node_modules/.cache/berth/search'))).toHaveLength(2)
})
