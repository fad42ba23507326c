import { mkdir, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { createBuildTools, createSiteCache } from '../../src/build.ts'
import { loadPost, renderPosts } from '../../src/compile-post.ts'
import { loadConfig } from '../../src/config.ts'
import { listContentFiles } from '../../src/load/content.ts'
import { loadSiteMap } from '../../src/load/site-map.ts'
import { createMarkdownCache } from '../../src/markdown/markdown-cache.ts'
import { htmlText } from '../../src/markdown/html-text.ts'
import { createSiteProcessor } from '../../src/markdown/processor.ts'
import { renderMarkdown } from '../../src/markdown/render-markdown.ts'
import type { Page } from '../../src/types.ts'
import { buildInMemory, makeSite, makeTempDir, pngOfSize, post } from '../helpers/temp-site.ts'

const CACHE = 'node_modules/.cache/berth/markdown'

async function cachedSite() {
  return makeSite({
    'content/a.md': post('a', '# A\n\n![logo][logo]\n\nSee [b](b.md).\n\n[logo]: /assets/logo.png'),
    'content/b.md': post('b', '# B\n\n<toc>\n\n## One\n\n```bash\ndocker ps\n```'),
    // Characters of two, three and four bytes in UTF-8: entries measure their HTML in bytes.
    'content/c.md': post('c', '# C\n\nPlain. Naïve — ✓ 🐳'),
    'assets/logo.png': pngOfSize(10, 5),
  })
}

function splitEntry(entry: string): [line: string, html: string] {
  const at = entry.indexOf('\n')
  return [entry.slice(0, at), entry.slice(at + 1)]
}

async function cacheFiles(root: string): Promise<string[]> {
  const entries = await readdir(path.join(root, CACHE), { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
}

test('a second build with nothing changed takes every post from the cache, and the output is byte-identical', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  const first = await buildInMemory(root)
  expect(first.result.cache).toEqual({ hits: 0, misses: 3 })
  const second = await buildInMemory(root)
  expect(second.result.cache).toEqual({ hits: 3, misses: 0 })
  const fresh = await buildInMemory(root, { cache: false })
  expect(fresh.result.cache).toBeUndefined()
  for (const [file, bytes] of fresh.files) expect(second.files.get(file), file).toEqual(bytes)
})

test('a changed post is rendered again; the others come from the cache', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  await writeFile(path.join(root, 'content/c.md'), post('c', '# C\n\nChanged.'))
  const { result, text } = await buildInMemory(root)
  expect(result.cache).toEqual({ hits: 2, misses: 1 })
  expect(text('c/index.html')).toContain('Changed.')
})

test('the cache keeps what the last build used: an edited or deleted post leaves no entry behind', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  const before = await cacheFiles(root)
  await writeFile(path.join(root, 'content/c.md'), post('c', '# C\n\nEdited.'))
  await buildInMemory(root)
  const after = await cacheFiles(root)
  expect(after).toHaveLength(3)
  expect(after.filter((f) => !before.includes(f))).toHaveLength(1)
  await rm(path.join(root, 'content/c.md'))
  await buildInMemory(root)
  expect(await cacheFiles(root)).toHaveLength(2)
})

test('a resized image, a moved link target or a new setting makes cached posts stale', { timeout: 30_000 }, async () => {
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

test('garbage or foreign entries in the cache are ignored and replaced, never trusted', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  const clean = await buildInMemory(root)
  const files = await cacheFiles(root)
  expect(files).toHaveLength(3)
  // An entry is a JSON line, then the HTML.
  const [line] = splitEntry(await readFile(files[1]!, 'utf8'))
  await writeFile(files[0]!, '{not json')
  await writeFile(files[1]!, `${JSON.stringify({ ...JSON.parse(line), key: 'someone-else' })}\n<p>planted</p>`)
  await writeFile(files[2]!, JSON.stringify({ format: 999 }))
  const rebuilt = await buildInMemory(root)
  expect(rebuilt.result.cache).toEqual({ hits: 0, misses: 3 })
  for (const [file, bytes] of clean.files) expect(rebuilt.files.get(file), file).toEqual(bytes)
  // Cut off, or with HTML of another length than its line says.
  const again = await cacheFiles(root)
  const [first, second] = [splitEntry(await readFile(again[0]!, 'utf8')), splitEntry(await readFile(again[1]!, 'utf8'))]
  await writeFile(again[0]!, `${first[0]}\n${first[1].slice(0, -5)}`)
  await writeFile(again[1]!, `${second[0]}\n${second[1]}<script>planted()</script>`)
  const repaired = await buildInMemory(root)
  expect(repaired.result.cache).toEqual({ hits: 1, misses: 2 })
  for (const [file, bytes] of clean.files) expect(repaired.files.get(file), file).toEqual(bytes)
  expect((await buildInMemory(root)).result.cache).toEqual({ hits: 3, misses: 0 })
})

test('--no-cache leaves no cache behind', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root, { cache: false })
  await expect(readdir(path.join(root, CACHE))).rejects.toThrow()
  await rm(root, { recursive: true, force: true })
})

test('a config change that leaves markdown alone (the site title) re-renders pages from the cache', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  await writeFile(path.join(root, 'berth.config.json'), JSON.stringify({ title: 'Renamed site' }))
  const { result, text } = await buildInMemory(root)
  expect(result.cache).toEqual({ hits: 3, misses: 0 })
  expect(load(text('a/index.html'))('title').text()).toBe('A · Renamed site')
})

test('the search index is reused when no indexed page changed, and matches a fresh one byte for byte', { timeout: 30_000 }, async () => {
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
  // The new index replaces the old one in the cache: it holds what the last build used, no more.
  const after = await readdir(path.join(root, 'node_modules/.cache/berth/search'))
  expect(after).toHaveLength(1)
  expect(after).not.toEqual(indexes)
})

test('a template change re-renders every page from cached markdown', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  const theme = path.join(import.meta.dirname, '../../templates/layouts/post.html')
  await mkdir(path.join(root, 'templates/layouts'), { recursive: true })
  await writeFile(path.join(root, 'templates/layouts/post.html'), (await readFile(theme, 'utf8')).replace('<article', '<p class="edition">Second edition</p>\n<article'))
  const { result, text } = await buildInMemory(root)
  expect(result.cache).toEqual({ hits: 3, misses: 0 })
  for (const page of ['a', 'b', 'c']) expect(load(text(`${page}/index.html`))('.edition').text()).toBe('Second edition')
})

test('entries written by another berth version or markdown code are never used', { timeout: 30_000 }, async () => {
  const dir = await makeTempDir('berth-cache-')
  const page = (await loadedPosts(await cachedSite())).find((p) => p.file.endsWith('c.md'))?.page
  const processor = createSiteProcessor(markdownSettingsOf(page!))
  const result = renderMarkdown(page!, processor)
  createMarkdownCache(dir, {}, () => undefined, 'berth 0.1.0').set(page!, result)
  const cached = createMarkdownCache(dir, {}, () => undefined, 'berth 0.1.0').get(page!)
  // The HTML comes back as the entry's bytes, decoded only when a stage asks for its text.
  expect(cached?.html).toBeInstanceOf(Uint8Array)
  expect({ ...cached, html: htmlText(cached!) }).toEqual(result)
  expect(createMarkdownCache(dir, {}, () => undefined, 'berth 0.2.0').get(page!)).toBeUndefined()
  expect(createMarkdownCache(dir, { base: '/docs/' }, () => undefined, 'berth 0.1.0').get(page!)).toBeUndefined()
})

test('a build whose posts all come from the cache never makes a markdown processor', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  const config = (await loadConfig(root)).value!
  const tools = await createBuildTools(config)
  const loaded = await loadedPosts(root)
  for (const post of loaded) if (post.page) tools.postUrls.set(post.file, post.page.url)
  const processor = () => Promise.reject(new Error('the processor was made'))
  const { posts, threads } = await renderPosts(loaded, { processor, cache: createSiteCache(config, tools), settings: tools.settings, postUrls: tools.postUrls })
  expect(threads).toBe(0)
  expect(posts.map((p) => p.page && htmlText(p.page))).toEqual([expect.stringContaining('<img'), expect.stringContaining('docker ps'), expect.stringContaining('Plain.')])
})

async function loadedPosts(root: string) {
  const config = (await loadConfig(root)).value!
  const siteMap = await loadSiteMap(config.root, config.contentDir)
  const context = { config, siteMap: siteMap.value, realRoot: await realpath(root) }
  return Promise.all((await listContentFiles(config.contentDir)).map((file) => loadPost(file, context)))
}

function markdownSettingsOf(page: Page) {
  const root = path.resolve(path.dirname(page.source.path), '..')
  return { root, assetsDir: path.join(root, 'assets'), contentDir: path.join(root, 'content'), base: '/', toc: { minDepth: 2, maxDepth: 3 } as const, rawHtml: 'keep' as const }
}
