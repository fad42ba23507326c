import { mkdir, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { build } from '../../src/build.ts'
import { buildInMemory, makeSite, makeTempDir, pngOfSize, post, TEST_SITE_URL } from '../helpers/temp-site.ts'
import { readTree } from '../helpers/tree.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

test('two builds of the same input give byte-identical trees', async () => {
  const [a, b] = [await makeTempDir(), await makeTempDir()]
  expect((await build({ root: ROOT, out: path.join(a, 'dist') })).ok).toBe(true)
  expect((await build({ root: ROOT, out: path.join(b, 'dist') })).ok).toBe(true)
  const [treeA, treeB] = [await readTree(path.join(a, 'dist')), await readTree(path.join(b, 'dist'))]
  expect([...treeA.keys()]).toEqual([...treeB.keys()])
  for (const [file, bytes] of treeA) expect(bytes.equals(treeB.get(file)!), file).toBe(true)
  // No machine paths leak into the output.
  for (const [file, bytes] of treeA) expect(bytes.includes(ROOT), file).toBe(false)
})

test('a failed build leaves the previous output untouched, and no temporary folders behind', async () => {
  const root = await makeSite({ 'content/a.md': post('a', 'First version.') })
  const out = path.join(root, 'dist')
  expect((await build({ root, out })).ok).toBe(true)
  const before = await readTree(out)
  await writeFile(path.join(root, 'content/a.md'), '---\nurl: a\ntitle: [broken\n---\n\nSecond version.\n')
  await writeFile(path.join(root, 'content/b.md'), post('b', 'A new post.'))
  const failed = await build({ root, out })
  expect(failed.ok).toBe(false)
  expect(await readTree(out)).toEqual(before)
  // The site folder holds its content, the output and the markdown cache, and nothing else.
  expect((await readdir(root)).sort()).toEqual(['content', 'dist', 'node_modules'])
})

test('a broken link, found while the pages are already being written, still leaves the output untouched', { timeout: 30_000 }, async () => {
  const root = await makeSite({ 'content/a.md': post('a', 'See [b](/b/).'), 'content/b.md': post('b', 'B.') })
  const out = path.join(root, 'dist')
  const options = { root, out, siteUrl: TEST_SITE_URL }
  expect((await build(options)).ok).toBe(true)
  const before = await readTree(out)
  await writeFile(path.join(root, 'content/a.md'), post('a', 'See [c](/c/), rewritten.'))
  const failed = await build(options)
  expect(failed.ok).toBe(false)
  expect(failed.diagnostics.map((d) => d.ruleId)).toEqual(['link/broken'])
  expect(await readTree(out)).toEqual(before)
  expect((await readdir(root)).sort()).toEqual(['content', 'dist', 'node_modules'])
  // With --strict, a warning from the same late checks stops the write too.
  await writeFile(path.join(root, 'content/a.md'), post('a', 'See [b](/b/), rewritten.'))
  await mkdir(path.join(root, 'assets'))
  await writeFile(path.join(root, 'assets/unused.png'), pngOfSize(2, 2))
  const strict = await build({ ...options, strict: true })
  expect(strict.ok).toBe(false)
  expect(strict.diagnostics.map((d) => d.ruleId)).toEqual(['asset/unused'])
  expect(await readTree(out)).toEqual(before)
})

test('"search": false leaves out the search index, the search page and every link to it', async () => {
  const files = { 'content/a.md': post('a', '# A\n\nWords.') }
  const withSearch = await buildInMemory(await makeSite(files))
  expect([...withSearch.files.keys()].some((f) => f.startsWith('pagefind/'))).toBe(true)
  expect(load(withSearch.text('a/index.html'))('form.site-search')).toHaveLength(1)

  const root = await makeSite({ ...files, 'berth.config.json': '{"search": false}' })
  const { result, files: written, text } = await buildInMemory(root)
  expect(result.ok).toBe(true)
  expect(result.diagnostics).toEqual([])
  expect([...written.keys()].filter((f) => f.startsWith('pagefind/') || f.startsWith('search/'))).toEqual([])
  const page = load(text('a/index.html'))
  expect(page('form.site-search')).toHaveLength(0)
  expect(page('a[href="/search/"]')).toHaveLength(0)
  expect(page('.site-footer').text()).toContain('Atom feed')
})

test('a successful build replaces the output whole: stale files go', async () => {
  const root = await makeSite({ 'content/a.md': post('a', 'A'), 'content/b.md': post('b', 'B') })
  const out = path.join(root, 'dist')
  await build({ root, out })
  await writeFile(path.join(root, 'content/b.md'), post('c', 'Moved'))
  await build({ root, out })
  const files = [...(await readTree(out)).keys()]
  expect(files).toContain('c/index.html')
  expect(files).not.toContain('b/index.html')
})

test('a folder holding only content/ and assets/ builds with the default templates', async () => {
  const root = await makeSite({ 'content/docker/volumes.md': '# Docker volumes\n\nData that outlives containers.\n\n![v][v]\n\n[v]: /assets/v.png\n', 'assets/v.png': pngOfSize(8, 6) })
  const { result, files, text } = await buildInMemory(root)
  expect(result.diagnostics).toEqual([])
  expect([...files.keys()].filter((f) => !f.startsWith('pagefind/')).sort()).toEqual(['404.html', 'assets/berth.css', 'assets/berth.js', 'assets/favicon.svg', 'assets/search.js', 'assets/v.png', 'docker/index.html', 'docker/volumes/index.html', 'docker/volumes/index.md', 'feed.xml', 'index.html', 'llms.txt', 'robots.txt', 'search/index.html', 'sitemap.xml'])
  expect(files.has('pagefind/pagefind-ui.js')).toBe(true)
  const $ = load(text('docker/volumes/index.html'))
  expect($('h1').text()).toBe('Docker volumes')
  expect($('.post-body img').attr('width')).toBe('8')
})

test('a CRLF file with a byte-order mark builds exactly like its LF twin', async () => {
  const lf = post('a', '# Title\n\n<toc>\n\n## One\n\nText with a  \nhard break.\n\n```bash\ndocker ps\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |')
  const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`
  const a = await buildInMemory(await makeSite({ 'content/a.md': lf }))
  const b = await buildInMemory(await makeSite({ 'content/a.md': crlf }))
  expect(b.result.diagnostics).toEqual([])
  expect(b.text('a/index.html')).toBe(a.text('a/index.html'))
  expect(b.text('a/index.html')).not.toContain('\r')
})

test('titles: front matter, then the site map, then the first # heading, then the url', async () => {
  const siteMap = JSON.stringify([{ title: 'Docker', url: 'docker', type: 'topic', children: [{ title: 'From the map', url: 'docker/a', created: '2021-05-15' }, { title: 'Map loses', url: 'docker/b' }] }])
  const { text } = await buildInMemory(
    await makeSite({
      'content/posts.json': siteMap,
      'content/a.md': post('docker/a', 'Text'),
      'content/b.md': post('docker/b', 'Text', 'title: Front matter wins\ndate: 2022-01-02\n'),
      'content/c.md': post('docker/c', '# Heading title\n\nText'),
      'content/docker-volumes.md': 'Text',
    }),
  )
  const h1 = (file: string) => load(text(file))('h1').text()
  expect(h1('docker/a/index.html')).toBe('From the map')
  expect(h1('docker/b/index.html')).toBe('Front matter wins')
  expect(load(text('docker/b/index.html'))('time').text()).toBe('January 2, 2022')
  expect(h1('docker/c/index.html')).toBe('Heading title')
  expect(h1('docker-volumes/index.html')).toBe('Docker Volumes')
  // The series page lists posts in the site map's order, then those the map does not list.
  const series = load(text('docker/index.html'))
  expect(series('.post-link').map((_, a) => series(a).text()).get()).toEqual(['From the map', 'Front matter wins', 'Heading title'])
})

test('drafts are left out of the build', async () => {
  const { files } = await buildInMemory(await makeSite({ 'content/a.md': post('a', 'A'), 'content/b.md': post('b', 'B', 'draft: true\n') }))
  expect(files.has('a/index.html')).toBe(true)
  expect(files.has('b/index.html')).toBe(false)
})

test("a site's templates override the theme's file by file", async () => {
  const { text } = await buildInMemory(
    await makeSite({ 'content/a.md': post('a', 'A'), 'templates/partials/footer.html': '<footer class="mine">Made by {{ site.title | upcase }}</footer>' }),
  )
  const $ = load(text('a/index.html'))
  expect($('footer.mine').text()).toBe('Made by BERTH')
  expect($('a.site-title')).toHaveLength(1)
})

test('a site adds to every page through head-extra, body-end and the css setting, without forking a layout', async () => {
  const { text, files, result } = await buildInMemory(
    await makeSite({
      'berth.config.json': JSON.stringify({ base: '/docs/', css: ['/assets/site.css', 'https://cdn.example/fonts.css'] }),
      'content/a.md': post('a', 'A'),
      'assets/site.css': 'body { color: teal }',
      'templates/partials/head-extra.html': '<meta name="analytics" content="{{ page.title }}">',
      'templates/partials/body-end.html': '<script src="{{ \'/assets/site.js\' | url }}" defer></script>',
      'assets/site.js': '',
    }),
  )
  expect(result.diagnostics.filter((d) => d.ruleId !== 'config/missing-site-url').map((d) => d.message)).toEqual([])
  const $ = load(text('a/index.html'))
  // The site's stylesheets come after the theme's, so their rules win; the head's extras come last.
  expect($('link[rel="stylesheet"]').map((_, l) => $(l).attr('href')).get()).toEqual(['/docs/assets/berth.css', '/docs/assets/site.css', 'https://cdn.example/fonts.css'])
  expect($('head > :last-child').attr('name')).toBe('analytics')
  expect($('meta[name="analytics"]').attr('content')).toBe('A')
  expect($('body > :last-child').attr('src')).toBe('/docs/assets/site.js')
  expect(files.has('assets/site.css')).toBe(true)
  // One stylesheet may be named as a string; a missing one is a broken link in the layout, and no site is written.
  const one = await buildInMemory(await makeSite({ 'berth.config.json': '{ "css": "/assets/site.css" }', 'content/a.md': post('a', 'A'), 'assets/site.css': '' }))
  expect(load(one.text('a/index.html'))('link[href="/assets/site.css"]')).toHaveLength(1)
  const gone = await buildInMemory(await makeSite({ 'berth.config.json': '{\n  "css": ["/assets/site.css", "/assets/gone.css"]\n}', 'content/a.md': post('a', 'A'), 'assets/site.css': '' }))
  expect(gone.result.ok).toBe(false)
  // One mistake, one error, at the entry: not one broken link per layout.
  expect(gone.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
    expect.objectContaining({ file: 'berth.config.json', line: 2, column: 31, ruleId: 'config/missing-stylesheet', hint: 'add assets/gone.css, or name the stylesheet by its full https:// url' }),
  ])
})

test('every page has the theme\'s favicon, which is published', async () => {
  const { text, files } = await buildInMemory(await makeSite({ 'content/a.md': post('a', 'A') }))
  expect(load(text('a/index.html'))('link[rel="icon"]').attr('href')).toBe('/assets/favicon.svg')
  expect(text('assets/favicon.svg')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
  expect(files.has('assets/favicon.svg')).toBe(true)
})

test('a template error is reported at the template line', async () => {
  const { result } = await buildInMemory(await makeSite({ 'content/a.md': post('a', 'A'), 'templates/partials/footer.html': '<footer>\n{{ site.title | nosuchfilter }}\n</footer>' }))
  expect(result.ok).toBe(false)
  expect(result.diagnostics[0]).toMatchObject({ file: 'templates/partials/footer.html', line: 2, ruleId: 'template/error' })
})

test('front matter strings are escaped in the page', async () => {
  const { text } = await buildInMemory(await makeSite({ 'content/a.md': post('a', 'Body', 'title: "<script>alert(1)</script>"\ndescription: "\\" onmouseover=\\"x"\n') }))
  const html = text('a/index.html')
  expect(html).not.toContain('<script>alert(1)</script>')
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  expect(load(html)('meta[name="description"]').attr('content')).toBe('" onmouseover="x')
})

test('a dry run without the caches runs every stage and writes nothing into the site', { timeout: 30_000 }, async () => {
  const root = await makeSite({ 'content/a.md': post('a', '# A\n\n![dot][dot]\n\n[dot]: /assets/dot.png\n'), 'assets/dot.png': pngOfSize(2, 2) })
  const before = await readTree(root)
  const result = await build({ root, dryRun: true, cache: false, siteUrl: TEST_SITE_URL })
  expect(result.ok).toBe(true)
  // Every stage ran: pages, the search index and the feed are there, only not written.
  expect(result.files.map((f) => f.path)).toEqual(expect.arrayContaining(['a/index.html', 'feed.xml', 'pagefind/pagefind-entry.json']))
  expect(await readTree(root)).toEqual(before)
})
