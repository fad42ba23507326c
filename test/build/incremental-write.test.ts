import { stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { build } from '../../src/build.ts'
import { makeSite, makeTempDir, pngOfSize, post, TEST_SITE_URL } from '../helpers/temp-site.ts'
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

  // The output is exactly what a build from nothing makes.
  const fresh = path.join(await makeTempDir(), 'dist')
  expect((await build({ ...options, out: fresh, cache: false })).ok).toBe(true)
  const [incremental, scratch] = [await readTree(out), await readTree(fresh)]
  expect([...incremental.keys()]).toEqual([...scratch.keys()])
  for (const [file, bytes] of scratch) expect(incremental.get(file)!.equals(bytes), file).toBe(true)
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
