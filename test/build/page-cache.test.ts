import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { build } from '../../src/build.ts'
import { expectSameAsFreshBuild } from '../helpers/fresh-build.ts'
import { buildInMemory, makeSite, post, TEST_SITE_URL } from '../helpers/temp-site.ts'

const PAGES = 'node_modules/.cache/berth/pages'

const siteMap = (introTitle: string) =>
  JSON.stringify([
    { title: 'Docker', type: 'topic', url: 'docker', children: [
      { title: introTitle, url: 'docker/introduction', created: '2021-05-15' },
      { title: 'Images', url: 'docker/images', created: '2021-05-22' },
      { title: 'Volumes', url: 'docker/volumes', created: '2021-05-29' },
    ] },
  ])

async function seriesSite() {
  return makeSite({
    'content/posts.json': siteMap('Introduction'),
    'content/intro.md': post('docker/introduction', 'What containers are.'),
    'content/images.md': post('docker/images', 'How images are built.\n\nLayers.'),
    'content/volumes.md': post('docker/volumes', 'Where data lives.'),
  })
}

/** Every page, as bytes, of a build without any cache: what every cached build must equal. */
async function expectSameAsFresh(root: string, files: Map<string, string | Uint8Array>) {
  const fresh = await buildInMemory(root, { cache: false })
  expect([...files.keys()]).toEqual([...fresh.files.keys()])
  for (const [file, bytes] of fresh.files) expect(Buffer.from(files.get(file)!).equals(Buffer.from(bytes)), file).toBe(true)
}

test('a change past a post\'s first paragraph renders that page again; every other page comes from the page cache', { timeout: 30_000 }, async () => {
  const root = await seriesSite()
  const first = await buildInMemory(root)
  expect(first.result.pageCache?.hits).toBe(0)
  const pages = first.result.pageCache!.misses
  expect(pages).toBeGreaterThan(5)
  expect(await readdir(path.join(root, PAGES))).toHaveLength(pages)

  // The first paragraph is the post's description, which lists on other pages show; the rest is its own.
  await writeFile(path.join(root, 'content/images.md'), post('docker/images', 'How images are built.\n\nLayers, layer by layer.'))
  const second = await buildInMemory(root)
  expect(second.result.pageCache).toEqual({ hits: pages - 1, misses: 1 })
  expect(second.text('docker/images/index.html')).toContain('layer by layer')
  await expectSameAsFresh(root, second.files)
  // The replaced page's old entry is gone: the cache holds what the last build used.
  expect(await readdir(path.join(root, PAGES))).toHaveLength(pages)
})

test('a new description or title renders again every page that shows it', { timeout: 30_000 }, async () => {
  const root = await seriesSite()
  await buildInMemory(root)
  await writeFile(path.join(root, 'content/volumes.md'), post('docker/volumes', 'Where data lives between containers.'))
  const described = await buildInMemory(root)
  expect(load(described.text('docker/index.html'))('main').text()).toContain('Where data lives between containers.')
  await expectSameAsFresh(root, described.files)

  await writeFile(path.join(root, 'content/posts.json'), siteMap('Containers 101'))
  const { result, files, text } = await buildInMemory(root)
  expect(result.cache).toEqual({ hits: 3, misses: 0 })
  // The series page lists it, the next post links back to it by title.
  expect(load(text('docker/index.html'))('main').text()).toContain('Containers 101')
  expect(load(text('docker/images/index.html'))('a[rel="prev"]').text()).toContain('Containers 101')
  await expectSameAsFresh(root, files)
})

test('a template change renders every page again', { timeout: 30_000 }, async () => {
  const root = await seriesSite()
  const first = await buildInMemory(root)
  const theme = path.join(import.meta.dirname, '../../templates/partials/footer.html')
  await mkdir(path.join(root, 'templates/partials'), { recursive: true })
  await writeFile(path.join(root, 'templates/partials/footer.html'), `${await readFile(theme, 'utf8')}\n<p class="colophon">Set in berth</p>`)
  const { result, text } = await buildInMemory(root)
  expect(result.pageCache).toEqual({ hits: 0, misses: first.result.pageCache!.misses })
  expect(load(text('docker/volumes/index.html'))('.colophon').text()).toBe('Set in berth')
})

test('a damaged or foreign page in the cache is never used', { timeout: 30_000 }, async () => {
  const root = await seriesSite()
  const first = await buildInMemory(root)
  const entries = (await readdir(path.join(root, PAGES))).map((name) => path.join(root, PAGES, name))
  // A truncated entry, one whose HTML was altered, and one that claims another key.
  const [truncated, altered, foreign] = entries
  await writeFile(truncated!, (await readFile(truncated!, 'utf8')).slice(0, 200))
  await writeFile(altered!, (await readFile(altered!, 'utf8')).replace('</body>', '<script>planted()</script></body>'))
  await writeFile(foreign!, (await readFile(foreign!, 'utf8')).replace(/^[0-9a-f]+/, 'f'.repeat(64)))
  const second = await buildInMemory(root)
  expect(second.result.pageCache).toEqual({ hits: first.result.pageCache!.misses - 3, misses: 3 })
  await expectSameAsFresh(root, second.files)
})

test('an unchanged page\'s HTML is not read while its published copy is intact, and is rendered again when needed and gone from the cache', { timeout: 30_000 }, async () => {
  const root = await seriesSite()
  // Without search: re-indexing a search shard reads the HTML of every page in it.
  await writeFile(path.join(root, 'berth.config.json'), '{"title": "Docker notes", "search": false}')
  const out = path.join(root, 'dist')
  const first = await build({ root, siteUrl: TEST_SITE_URL })
  const pages = first.pageCache!.misses
  // The cache keeps its index; the entries' HTML is taken away.
  for (const name of await readdir(path.join(root, PAGES))) await rm(path.join(root, PAGES, name))

  await writeFile(path.join(root, 'content/images.md'), post('docker/images', 'How images are built.\n\nLayers, layer by layer.'))
  const second = await build({ root, siteUrl: TEST_SITE_URL })
  // Nothing read the missing entries: the output already held those pages.
  expect(second.pageCache).toEqual({ hits: pages - 1, misses: 1 })
  await expectSameAsFreshBuild(root, out)

  // A page whose published copy was edited by hand must be written again: its entry is gone, so it is rendered again.
  await writeFile(path.join(out, 'docker/volumes/index.html'), 'defaced')
  await writeFile(path.join(root, 'content/images.md'), post('docker/images', 'How images are built.\n\nLayers upon layers.'))
  const third = await build({ root, siteUrl: TEST_SITE_URL })
  expect(third.pageCache).toEqual({ hits: pages - 2, misses: 2 })
  await expectSameAsFreshBuild(root, out)
})

test('a damaged index of the page cache is never trusted: every page it cannot vouch for is rendered', { timeout: 30_000 }, async () => {
  const root = await seriesSite()
  const first = await buildInMemory(root)
  const index = path.join(root, `${PAGES}.json`)
  const entries = JSON.parse(await readFile(index, 'utf8')) as Record<string, { digest: string; facts: object }>
  const [wrongDigest, noFacts] = Object.keys(entries)
  entries[wrongDigest!]!.digest = 'not the digest'
  entries[noFacts!]!.facts = { searchable: 'maybe' }
  await writeFile(index, JSON.stringify(entries))
  const second = await buildInMemory(root)
  // The entry whose digest is wrong is found out when its HTML is read; the one with broken facts at once.
  expect(second.result.pageCache).toEqual({ hits: first.result.pageCache!.misses - 2, misses: 2 })
  await expectSameAsFresh(root, second.files)

  await writeFile(index, '{"format": garbage')
  const third = await buildInMemory(root)
  expect(third.result.pageCache).toEqual({ hits: 0, misses: first.result.pageCache!.misses })
  await expectSameAsFresh(root, third.files)
})
