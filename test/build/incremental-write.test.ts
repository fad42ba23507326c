import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { build } from '../../src/build.ts'
import { expectSameAsFreshBuild } from '../helpers/fresh-build.ts'
import { makeSite, pngOfSize, post, TEST_SITE_URL } from '../helpers/temp-site.ts'
import { readTree } from '../helpers/tree.ts'

const site = () =>
  makeSite({
    'content/a.md': post('a', '# A\n\n![logo][logo]\n\n[logo]: /assets/logo.png'),
    'content/b.md': post('b', '# B\n\nPlain.'),
    'assets/logo.png': pngOfSize(10, 5),
  })

const inode = async (file: string) => (await stat(file)).ino

test('a rebuild takes over unchanged files from the last output and writes only what changed', { timeout: 30_000 }, async () => {
  const root = await site()
  const out = path.join(root, 'dist')
  const options = { root, out, siteUrl: TEST_SITE_URL }
  expect((await build(options)).ok).toBe(true)
  const before = { logo: await inode(path.join(out, 'assets/logo.png')), a: await inode(path.join(out, 'a/index.html')), b: await inode(path.join(out, 'b/index.html')) }

  await writeFile(path.join(root, 'content/b.md'), post('b', '# B\n\nRewritten.'))
  expect((await build(options)).ok).toBe(true)
  // Unchanged: the same file, hard-linked into the new output. Changed: a new file.
  expect(await inode(path.join(out, 'assets/logo.png'))).toBe(before.logo)
  expect(await inode(path.join(out, 'a/index.html'))).toBe(before.a)
  expect(await inode(path.join(out, 'b/index.html'))).not.toBe(before.b)

  await expectSameAsFreshBuild(root, out)
})

test('a file edited in the output, or a changed asset, is written afresh, never taken over', { timeout: 30_000 }, async () => {
  const root = await site()
  const out = path.join(root, 'dist')
  const options = { root, out, siteUrl: TEST_SITE_URL }
  expect((await build(options)).ok).toBe(true)
  const good = await readTree(out)
  await writeFile(path.join(out, 'a/index.html'), 'edited by hand')
  await writeFile(path.join(root, 'assets/logo.png'), pngOfSize(10, 5).map((byte, i) => (i === 32 ? 7 : byte)))
  expect((await build(options)).ok).toBe(true)
  const after = await readTree(out)
  expect(after.get('a/index.html')!.equals(good.get('a/index.html')!)).toBe(true)
  expect(after.get('assets/logo.png')![32]).toBe(7)
})

test('without the cache every file is written anew', { timeout: 30_000 }, async () => {
  const root = await site()
  const out = path.join(root, 'dist')
  const options = { root, out, siteUrl: TEST_SITE_URL, cache: false }
  expect((await build(options)).ok).toBe(true)
  const before = await inode(path.join(out, 'a/index.html'))
  expect((await build(options)).ok).toBe(true)
  expect(await inode(path.join(out, 'a/index.html'))).not.toBe(before)
})

const SPARE = 'node_modules/.cache/berth/output/spare'

/** Build into `out` with the cache, then check the output is byte for byte a build from nothing. */
async function buildAndCompare(root: string, out: string) {
  const result = await build({ root, out, siteUrl: TEST_SITE_URL })
  expect(result.ok, result.diagnostics.map((d) => d.message).join('\n')).toBe(true)
  await expectSameAsFreshBuild(root, out)
}

/** Three builds, each after an edit (an unchanged site is up to date and not built): from then on, the spare holds an output. */
async function buildThreeEditions(root: string, out: string) {
  for (let i = 0; i < 3; i++) {
    await writeFile(path.join(root, 'content/b.md'), post('b', `# B\n\nEdition ${i}.`))
    await buildAndCompare(root, out)
  }
}

test('build after build, the replaced output is turned into the next one: posts edited, added, removed, moved', { timeout: 60_000 }, async () => {
  const root = await site()
  const out = path.join(root, 'dist')
  await buildAndCompare(root, out)
  await buildAndCompare(root, out)
  // From the third build on, the spare holds the output before last.
  await writeFile(path.join(root, 'content/b.md'), post('b', '# B\n\nEdited once.'))
  await buildAndCompare(root, out)
  expect((await stat(path.join(root, SPARE))).isDirectory()).toBe(true)
  await writeFile(path.join(root, 'content/c.md'), post('c', '# C\n\nNew.'))
  await buildAndCompare(root, out)
  await rm(path.join(root, 'content/c.md'))
  await writeFile(path.join(root, 'content/b.md'), post('b/moved', '# B\n\nMoved into a folder of its own.'))
  await buildAndCompare(root, out)
  await writeFile(path.join(root, 'content/b.md'), post('b', '# B\n\nBack where it was.'))
  const previous = await readTree(out)
  await buildAndCompare(root, out)
  expect(await readdir(out)).not.toContain('c')
  // The replaced output is kept whole: nothing was written into files it shares with the new one,
  // so until the swap, readers saw only the old output.
  expect(await readTree(path.join(root, SPARE))).toEqual(previous)
})

test('files planted or changed in the spare never reach the output', { timeout: 60_000 }, async () => {
  const root = await site()
  const out = path.join(root, 'dist')
  await buildThreeEditions(root, out)
  const spare = path.join(root, SPARE)
  await writeFile(path.join(spare, 'planted.html'), 'not from the site')
  await mkdir(path.join(spare, 'planted-folder'), { recursive: true })
  await writeFile(path.join(spare, 'planted-folder/index.html'), 'not from the site')
  await writeFile(path.join(spare, 'a/index.html'), 'changed in the spare')
  // In the search index's folder too.
  await writeFile(path.join(spare, 'pagefind/planted.js'), 'not from the site')
  await mkdir(path.join(spare, 'pagefind/shard-9'), { recursive: true })
  await writeFile(path.join(spare, 'pagefind/shard-9/pagefind-entry.json'), '{}')
  await buildAndCompare(root, out)
})

test('a page whose url lies in the search index\'s folder survives the folder being settled last', { timeout: 60_000 }, async () => {
  const root = await site()
  await writeFile(path.join(root, 'content/notes.md'), post('pagefind/notes', '# Notes\n\nA page among the index files.'))
  const out = path.join(root, 'dist')
  await buildThreeEditions(root, out)
  await writeFile(path.join(root, 'content/notes.md'), post('pagefind/notes', '# Notes\n\nEdited.'))
  await buildAndCompare(root, out)
  expect((await readTree(out)).has('pagefind/notes/index.html')).toBe(true)
})

test('a build that fails after taking the spare leaves the output as it was, and the next one is whole', { timeout: 60_000 }, async () => {
  const root = await site()
  const out = path.join(root, 'dist')
  await buildThreeEditions(root, out)
  const before = await readTree(out)
  await writeFile(path.join(root, 'content/b.md'), post('b', '# B\n\nSee [nowhere](/nowhere/).'))
  expect((await build({ root, out, siteUrl: TEST_SITE_URL })).ok).toBe(false)
  expect(await readTree(out)).toEqual(before)
  expect((await readdir(root)).sort()).toEqual(['assets', 'content', 'dist', 'node_modules'])
  await writeFile(path.join(root, 'content/b.md'), post('b', '# B\n\nFixed.'))
  await buildAndCompare(root, out)
})

test('a page and an asset at one path fail the build without touching the output, whatever was linked', { timeout: 60_000 }, async () => {
  const root = await site()
  await writeFile(path.join(root, 'content/x.md'), post('assets/x', '# X\n\nA page where an asset may land.'))
  const out = path.join(root, 'dist')
  const clash = async () => {
    const before = await readTree(out)
    await mkdir(path.join(root, 'assets/x'), { recursive: true })
    await writeFile(path.join(root, 'assets/x/index.html'), 'an asset that clashes with the page')
    const failed = await build({ root, out, siteUrl: TEST_SITE_URL })
    expect(failed.diagnostics.map((d) => d.ruleId)).toContain('page/output-clash')
    expect(await readTree(out)).toEqual(before)
    await rm(path.join(root, 'assets/x'), { recursive: true })
  }
  // The second build links from the live output while the checks run; later ones start from the spare.
  await buildAndCompare(root, out)
  await clash()
  await buildThreeEditions(root, out)
  await clash()
})
