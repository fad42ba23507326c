import { spawnSync } from 'node:child_process'
import { appendFile, cp, mkdir, readdir, readFile, realpath, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { buildCacheFile, carryOver, cacheSalt, readBuildCache, type BuildCache } from '../../src/build-cache.ts'
import { loadPost, renderPosts } from '../../src/compile-post.ts'
import { loadConfig } from '../../src/config.ts'
import { listContentFiles } from '../../src/load/content.ts'
import { loadSiteMap } from '../../src/load/site-map.ts'
import { htmlText } from '../../src/markdown/html-text.ts'
import { markdownSettings } from '../../src/markdown/markdown-settings.ts'
import { asBytes } from '../../src/output-contents.ts'
import { build } from '../../src/build.ts'
import { REPO } from '../helpers/cli.ts'
import { expectSameAsFreshBuild } from '../helpers/fresh-build.ts'
import { buildInMemory, makeSite, makeTempDir, pngOfSize, post, TEST_SITE_URL } from '../helpers/temp-site.ts'

async function cachedSite() {
  return makeSite({
    'content/a.md': post('a', '# A\n\n![logo][logo]\n\nSee [b](b.md).\n\n[logo]: /assets/logo.png'),
    'content/b.md': post('b', '# B\n\n<toc>\n\n## One\n\n```bash\ndocker ps\n```'),
    // Characters of two, three and four bytes in UTF-8: the file keeps HTML as bytes.
    'content/c.md': post('c', '# C\n\nPlain. Naïve — ✓ 🐳'),
    'assets/logo.png': pngOfSize(10, 5),
  })
}

const cacheOf = (root: string): BuildCache => readBuildCache(buildCacheFile(root))
/** The search shards the cache holds, with their bytes read. */
const shardsOf = (root: string) => [...cacheOf(root).search.values()].map((files) => files.map((file) => ({ ...file, bytes: Buffer.from(asBytes(file.bytes)) })))
const packsOf = async (root: string) => (await readdir(path.dirname(buildCacheFile(root)))).filter((name) => name.startsWith('blobs-')).map((name) => path.join(path.dirname(buildCacheFile(root)), name))
async function packOf(root: string): Promise<string> {
  const packs = await packsOf(root)
  expect(packs).toHaveLength(1)
  return packs[0]!
}
const markdownOf = (result: { markdown: { reused: number; rendered: number } }) => ({ reused: result.markdown.reused, rendered: result.markdown.rendered })

test('berth keeps one cache file, and a second build takes every post from it with byte-identical output', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  const first = await buildInMemory(root)
  expect(markdownOf(first.result)).toEqual({ reused: 0, rendered: 3 })
  expect((await stat(buildCacheFile(root))).isFile()).toBe(true)
  expect(cacheOf(root).markdown.size).toBe(3)
  // c.md's excerpt and twin tokens hold characters past ASCII; the file's JSON holds them escaped.
  expect((await readFile(buildCacheFile(root))).every((byte) => byte < 0x80)).toBe(true)
  const second = await buildInMemory(root)
  expect(markdownOf(second.result)).toEqual({ reused: 3, rendered: 0 })
  const fresh = await buildInMemory(root, { cache: false })
  expect(markdownOf(fresh.result)).toEqual({ reused: 0, rendered: 3 })
  expect([...second.files.keys()]).toEqual([...fresh.files.keys()])
  for (const [file, bytes] of fresh.files) expect(second.files.get(file), file).toEqual(bytes)
})

test('a changed post is rendered again; the others come from the cache', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  await writeFile(path.join(root, 'content/c.md'), post('c', '# C\n\nChanged.'))
  const { result, text } = await buildInMemory(root)
  expect(markdownOf(result)).toEqual({ reused: 2, rendered: 1 })
  expect(text('c/index.html')).toContain('Changed.')
})

test('the cache keeps what the last build used: an edited or deleted post leaves no entry behind', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  const before = new Set(cacheOf(root).markdown.keys())
  await writeFile(path.join(root, 'content/c.md'), post('c', '# C\n\nEdited.'))
  await buildInMemory(root)
  const after = [...cacheOf(root).markdown.keys()]
  expect(after).toHaveLength(3)
  expect(after.filter((key) => !before.has(key))).toHaveLength(1)
  await rm(path.join(root, 'content/c.md'))
  await buildInMemory(root)
  expect(cacheOf(root).markdown.size).toBe(2)
})

test('a resized image or a new markdown setting makes cached posts stale; a moved link target does not', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  await writeFile(path.join(root, 'assets/logo.png'), pngOfSize(20, 8))
  const resized = await buildInMemory(root)
  expect(markdownOf(resized.result)).toEqual({ reused: 2, rendered: 1 })
  expect(load(resized.text('a/index.html'))('.post-body img').attr('width')).toBe('20')

  // a links to b.md: its markdown depends on its own text only, and the site stage fills in b's new url.
  await writeFile(path.join(root, 'content/b.md'), post('moved-b', '# B\n\n<toc>\n\n## One\n\n```bash\ndocker ps\n```'))
  const moved = await buildInMemory(root)
  expect(markdownOf(moved.result)).toEqual({ reused: 3, rendered: 0 })
  expect(load(moved.text('a/index.html'))('a[href*="b"]').attr('href')).toBe('/moved-b/')

  const rebased = await buildInMemory(root, { base: '/docs/' })
  expect(markdownOf(rebased.result)).toEqual({ reused: 0, rendered: 3 })
})

test('a damaged, cut-off, foreign or garbage cache file or blob pack is ignored and replaced, never trusted', { timeout: 60_000 }, async () => {
  const root = await cachedSite()
  const clean = await buildInMemory(root)
  const file = buildCacheFile(root)
  const good = await readFile(file)
  const pack = await packOf(root)
  const goodPack = await readFile(pack)
  const header = good.subarray(0, good.indexOf('\n') + 1).toString()
  // Planted text: valid-looking HTML in place of a cached post's, without fixing the checksums.
  const plant = (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replaceAll('Plain.', 'Owned!'), 'latin1')
  expect(plant(good).equals(good)).toBe(false)
  expect(plant(goodPack).equals(goodPack)).toBe(false)
  const damaged: [string, () => Promise<void>][] = [
    ['garbage', () => writeFile(file, 'not a cache at all')],
    ['empty', () => writeFile(file, '')],
    ['cut off', () => writeFile(file, good.subarray(0, good.length - 7))],
    ['planted entries', () => writeFile(file, plant(good))],
    ['written by other code', () => writeFile(file, Buffer.concat([Buffer.from(header.replace(/^berth-cache \S+/, 'berth-cache 1:someone-else')), good.subarray(header.length)]))],
    ['planted HTML in the pack', () => writeFile(pack, plant(goodPack))],
    ['a cut-off pack', () => writeFile(pack, goodPack.subarray(0, goodPack.length - 7))],
    ['no pack', () => rm(pack)],
  ]
  for (const [what, damage] of damaged) {
    await writeFile(file, good)
    await writeFile(pack, goodPack)
    for (const other of await packsOf(root)) if (other !== pack) await rm(other)
    await damage()
    expect(cacheOf(root).markdown.size, what).toBe(0)
    const rebuilt = await buildInMemory(root)
    expect(markdownOf(rebuilt.result), what).toEqual({ reused: 0, rendered: 3 })
    for (const [name, contents] of clean.files) expect(rebuilt.files.get(name), `${what}: ${name}`).toEqual(contents)
    // The build replaced it with a good one.
    expect(cacheOf(root).markdown.size, what).toBe(3)
  }
})

test('a damaged blob found only as a stage reads it makes the build start again without the cache, publishing nothing of it', { timeout: 60_000 }, async () => {
  const root = await cachedSite()
  const out = path.join(root, 'dist')
  expect((await build({ root, out, siteUrl: TEST_SITE_URL })).ok).toBe(true)
  const pack = await packOf(root)
  await writeFile(pack, Buffer.from((await readFile(pack)).toString('latin1').replaceAll('Plain.', 'Owned!'), 'latin1'))
  // A new site title renders every page again from the cached markdown, so c.md's HTML is read.
  await writeFile(path.join(root, 'berth.config.json'), JSON.stringify({ title: 'Retitled' }))
  const rebuilt = await build({ root, out, siteUrl: TEST_SITE_URL })
  expect(rebuilt.ok).toBe(true)
  expect(markdownOf(rebuilt)).toEqual({ reused: 0, rendered: 3 })
  expect(await readFile(path.join(out, 'c/index.html'), 'utf8')).toContain('Plain.')
  await expectSameAsFreshBuild(root, out)
  // The cache it left is sound: the next change takes every post from it.
  await writeFile(path.join(root, 'berth.config.json'), JSON.stringify({ title: 'Retitled again' }))
  expect(markdownOf(await build({ root, out, siteUrl: TEST_SITE_URL }))).toEqual({ reused: 3, rendered: 0 })
  await expectSameAsFreshBuild(root, out)
})

test('an edit appends its new blobs to the pack and leaves the rest as it was; a pack mostly unused is written anew', { timeout: 120_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  const first = await packOf(root)
  const before = await readFile(first)
  await writeFile(path.join(root, 'content/c.md'), post('c', '# C\n\nEdited once.'))
  await buildInMemory(root)
  expect(await packOf(root)).toBe(first)
  const after = await readFile(first)
  expect(after.length).toBeGreaterThan(before.length)
  expect(after.subarray(0, before.length).equals(before)).toBe(true)
  // Each edit leaves the last one's blobs unused: before half the pack is, it is made again of the used ones.
  const sizes: number[] = []
  for (let edit = 0; edit < 12 && (await packOf(root)) === first; edit++) {
    await writeFile(path.join(root, 'content/c.md'), post('c', `# C\n\nEdit number ${edit}, ${'long '.repeat(400)}`))
    await buildInMemory(root)
    sizes.push((await stat(await packOf(root))).size)
  }
  const repacked = await packOf(root)
  expect(repacked).not.toBe(first)
  expect(await packsOf(root)).toEqual([repacked])
  expect(sizes.at(-1)).toBeLessThan(Math.max(...sizes))
  const cached = await buildInMemory(root)
  expect(markdownOf(cached.result)).toEqual({ reused: 3, rendered: 0 })
  const fresh = await buildInMemory(root, { cache: false })
  expect([...cached.files.keys()]).toEqual([...fresh.files.keys()])
  for (const [file, bytes] of fresh.files) expect(cached.files.get(file), file).toEqual(bytes)
})

test('a post with no body (empty HTML beside its twin in the pack) is cached like any other', { timeout: 30_000 }, async () => {
  const root = await makeSite({ 'content/a.md': post('a', ''), 'content/b.md': post('b', '# B\n\nText.') })
  await buildInMemory(root)
  // The second build writes the cache from the pack it read, the third reads that.
  for (let build = 0; build < 2; build++) expect(markdownOf((await buildInMemory(root)).result)).toEqual({ reused: 2, rendered: 0 })
})

test('--no-cache reads no cache and leaves none behind', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root, { cache: false })
  await expect(stat(buildCacheFile(root))).rejects.toThrow()
})

test('a config change that leaves markdown alone (the site title) re-renders pages from cached markdown', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  await writeFile(path.join(root, 'berth.config.json'), JSON.stringify({ title: 'Renamed site' }))
  const { result, text } = await buildInMemory(root)
  expect(markdownOf(result)).toEqual({ reused: 3, rendered: 0 })
  expect(load(text('a/index.html'))('title').text()).toBe('A · Renamed site')
})

test('a template change re-renders every page from cached markdown', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  const theme = path.join(REPO, 'templates/layouts/post.html')
  await mkdir(path.join(root, 'templates/layouts'), { recursive: true })
  await writeFile(path.join(root, 'templates/layouts/post.html'), (await readFile(theme, 'utf8')).replace('<article', '<p class="edition">Second edition</p>\n<article'))
  const { result, text } = await buildInMemory(root)
  expect(markdownOf(result)).toEqual({ reused: 3, rendered: 0 })
  expect(result.rendered).toBe(result.pageCount)
  for (const page of ['a', 'b', 'c']) expect(load(text(`${page}/index.html`))('.edition').text()).toBe('Second edition')
})

test('an entry is read only under the salt it was written with (berth\'s code, packages and theme)', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  expect(readBuildCache(buildCacheFile(root), cacheSalt()).markdown.size).toBe(3)
  expect(readBuildCache(buildCacheFile(root), `${cacheSalt()}x`).markdown.size).toBe(0)
})

test('a build whose posts all come from the cache never makes a markdown processor', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  await buildInMemory(root)
  const config = (await loadConfig(root)).value!
  const siteMap = await loadSiteMap(config.root, config.contentDir)
  const context = { config, siteMap: siteMap.value, realRoot: await realpath(root) }
  const loaded = await Promise.all((await listContentFiles(config.contentDir)).map((file) => loadPost(file, context)))
  const processor = () => Promise.reject(new Error('the processor was made'))
  const cache = carryOver(cacheOf(root).markdown, new Map())
  const { posts, threads, reused } = await renderPosts(loaded, { processor, cache, settings: markdownSettings(config), salt: cacheSalt() })
  expect(threads).toBe(0)
  expect(reused).toBe(3)
  expect(posts.map((p) => p.page && htmlText(p.page))).toEqual([expect.stringContaining('<img'), expect.stringContaining('docker ps'), expect.stringContaining('Plain.')])
})

/** A copy of berth from its sources, sharing this one's packages, compiled as an install compiles it. */
async function copyOfBerth(): Promise<{ dir: string; compile(): void; build(root: string): string }> {
  const dir = path.join(await makeTempDir('berth-copy-'), 'berth')
  for (const part of ['bin', 'src', 'scripts', 'templates', 'package.json', 'package-lock.json']) await cp(path.join(REPO, part), path.join(dir, part), { recursive: true })
  await symlink(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'))
  const run = (args: string[], cwd: string) => {
    const done = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' })
    if (done.status !== 0) throw new Error(`${args.join(' ')} failed: ${done.stderr}`)
    return done.stdout
  }
  return {
    dir,
    compile: () => void run(['--import', 'tsx', 'scripts/compile.ts'], dir),
    build: (root) => run([path.join(dir, 'bin/berth.js'), 'build', '--root', root], root),
  }
}

test('an edit anywhere in berth\'s code, or another lock file, invalidates every entry', { timeout: 120_000 }, async () => {
  const berth = await copyOfBerth()
  berth.compile()
  const root = await cachedSite()
  expect(berth.build(root)).toMatch(/^berth: built 6 pages and 5 assets into dist\/ in \d+ ms\n$/)
  const edit = (n: number) => writeFile(path.join(root, 'content/c.md'), post('c', `# C\n\nEdit ${n}.`))
  await edit(1)
  expect(berth.build(root)).toContain('(2 posts and 5 pages from the cache)')

  // A comment in a module far from the markdown stage still changes what berth's code is.
  await appendFile(path.join(berth.dir, 'src/paths.ts'), '\n// edited\n')
  berth.compile()
  await edit(2)
  expect(berth.build(root)).not.toContain('from the cache')
  await edit(3)
  expect(berth.build(root)).toContain('(2 posts and 5 pages from the cache)')

  const lock = path.join(berth.dir, 'package-lock.json')
  await writeFile(lock, `${await readFile(lock, 'utf8')}\n`)
  berth.compile()
  await edit(4)
  expect(berth.build(root)).not.toContain('from the cache')
})

test('pages and search shards whose published copies are as the last build left them are reused, and match a fresh build byte for byte', { timeout: 60_000 }, async () => {
  const root = await cachedSite()
  const out = path.join(root, 'dist')
  expect((await build({ root, out, siteUrl: TEST_SITE_URL })).ok).toBe(true)
  const shards = shardsOf(root)
  expect(shards.length).toBeGreaterThan(0)
  // An input changed (so the build runs), but nothing any page or shard is made from.
  await writeFile(path.join(root, 'berth.config.json'), JSON.stringify({}))
  const again = await build({ root, out, siteUrl: TEST_SITE_URL })
  expect(again.ok).toBe(true)
  expect(again.reusedPages).toBe(again.pageCount)
  expect(again.rendered).toBe(0)
  // The search index was not made again: the cache holds the same shards.
  expect(shardsOf(root)).toEqual(shards)
  await expectSameAsFreshBuild(root, out)

  await writeFile(path.join(root, 'content/c.md'), post('c', '# C\n\nNew words for the index.'))
  const edited = await build({ root, out, siteUrl: TEST_SITE_URL })
  expect(edited.rendered).toBeGreaterThan(0)
  expect(edited.rendered).toBeLessThan(edited.pageCount)
  expect(shardsOf(root)).not.toEqual(shards)
  await expectSameAsFreshBuild(root, out)

  // No published output at all, as in a fresh clone: the shards come from the cache's bytes, still the same.
  const kept = [...cacheOf(root).search.keys()]
  await rm(out, { recursive: true, force: true })
  const cloned = await build({ root, out, siteUrl: TEST_SITE_URL })
  expect(cloned.rendered).toBe(cloned.pageCount)
  expect([...cacheOf(root).search.keys()]).toEqual(kept)
  await expectSameAsFreshBuild(root, out)
})

test('a fresh clone with the cache restored (every file dated anew, no dist/) takes every post from the cache', { timeout: 30_000 }, async () => {
  const root = await cachedSite()
  const first = await buildInMemory(root)
  // A clone writes every file anew: same bytes, new dates.
  const later = new Date(Date.now() + 60_000)
  for (const file of ['content/a.md', 'content/b.md', 'content/c.md', 'assets/logo.png']) await utimes(path.join(root, file), later, later)
  const cloned = await buildInMemory(root)
  expect(markdownOf(cloned.result)).toEqual({ reused: 3, rendered: 0 })
  for (const [file, bytes] of first.files) expect(cloned.files.get(file), file).toEqual(bytes)
  // The image's new date is kept, so the next build does not read it again; a new image is a miss.
  expect([...cacheOf(root).markdown.values()].flatMap((entry) => entry.images).map((image) => image.mtimeMs)).toEqual([(await stat(path.join(root, 'assets/logo.png'))).mtimeMs])
  await writeFile(path.join(root, 'assets/logo.png'), pngOfSize(10, 6))
  expect(markdownOf((await buildInMemory(root)).result)).toEqual({ reused: 2, rendered: 1 })
})
