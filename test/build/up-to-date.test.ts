import { mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { digestBuildInputs } from '../../src/write/up-to-date.ts'
import { cli } from '../helpers/cli.ts'
import { makeSite, pngOfSize, post } from '../helpers/temp-site.ts'
import { readTree } from '../helpers/tree.ts'

const UP_TO_DATE = /is up to date: nothing changed since the last build \(\d+ pages, \d+ ms\)$/
const BUILT = /^berth: built \d+ pages/

async function site() {
  return makeSite({
    'content/a.md': post('a', '# A\n\n![logo][logo]\n\n[logo]: /assets/logo.png'),
    'content/b.md': post('b', '# B\n\n![](/assets/logo.png)'),
    'assets/logo.png': pngOfSize(10, 5),
  })
}

async function build(root: string, ...flags: string[]) {
  return cli(['build', '--root', root, '--site-url', 'https://docs.example.com', ...flags])
}

test('a build with nothing changed since the last one writes nothing and says so, with the same warnings', async () => {
  const root = await site()
  const first = await build(root)
  expect(first.stdout).toMatch(BUILT)
  // b's image has no alt text: a warning, which the up-to-date build must still show.
  expect(first.stderr).toContain('[image/missing-alt]')
  const before = await readTree(path.join(root, 'dist'))
  const stamp = (await stat(path.join(root, 'dist/a/index.html'))).mtimeMs
  const second = await build(root)
  expect(second.code).toBe(0)
  expect(second.stdout).toMatch(UP_TO_DATE)
  expect(second.stderr).toBe(first.stderr)
  expect(await readTree(path.join(root, 'dist'))).toEqual(before)
  expect((await stat(path.join(root, 'dist/a/index.html'))).mtimeMs).toBe(stamp)
})

test('an up-to-date build names its output folder as the full build does, with --out given as an absolute path', async () => {
  const root = await site()
  const out = path.join(root, 'public')
  const first = await cli(['build', '--root', root, '--out', out, '--site-url', 'https://docs.example.com'], root)
  expect(first.stdout).toMatch(/ into public\/ in /)
  const second = await cli(['build', '--root', root, '--out', out, '--site-url', 'https://docs.example.com'], root)
  expect(second.stdout).toMatch(/^berth: public\/ is up to date/)
})

test.for([
  ['a post is edited', (root: string) => writeFile(path.join(root, 'content/a.md'), post('a', '# A again'))],
  ['a post is added', (root: string) => writeFile(path.join(root, 'content/c.md'), post('c', '# C'))],
  ['an image changes', (root: string) => writeFile(path.join(root, 'assets/logo.png'), pngOfSize(12, 5))],
  ['a template is added', async (root: string) => {
    await mkdir(path.join(root, 'templates/partials'), { recursive: true })
    await writeFile(path.join(root, 'templates/partials/footer.html'), '<footer>Our own footer</footer>')
  }],
  ['the config changes', (root: string) => writeFile(path.join(root, 'berth.config.json'), '{"title": "Renamed"}')],
  ['a file in dist/ is edited', (root: string) => writeFile(path.join(root, 'dist/a/index.html'), 'defaced')],
  ['a file in dist/ is deleted', (root: string) => rm(path.join(root, 'dist/b/index.html'))],
  ['a file is added to dist/', (root: string) => writeFile(path.join(root, 'dist/b/extra.html'), 'stray')],
  ['dist/ is deleted', (root: string) => rm(path.join(root, 'dist'), { recursive: true })],
] as const)('the next build is a full one when %s', async ([, change]) => {
  const root = await site()
  await build(root)
  await change(root)
  const next = await build(root)
  expect(next.code).toBe(0)
  expect(next.stdout).toMatch(BUILT)
  expect(await readFile(path.join(root, 'dist/a/index.html'), 'utf8')).not.toBe('defaced')
  expect((await build(root)).stdout).toMatch(UP_TO_DATE)
})

test('other flags, or --no-cache, build again', async () => {
  const root = await site()
  await build(root)
  expect((await build(root, '--base', '/docs/')).stdout).toMatch(BUILT)
  expect((await build(root, '--base', '/docs/')).stdout).toMatch(UP_TO_DATE)
  expect((await build(root, '--base', '/docs/', '--strict')).code).toBe(1)
  expect((await build(root, '--base', '/docs/', '--no-cache')).stdout).toMatch(BUILT)
})

test('a failed build is never taken as up to date, and going back to the last good input is', async () => {
  const root = await site()
  await build(root)
  const good = await readFile(path.join(root, 'content/a.md'), 'utf8')
  await writeFile(path.join(root, 'content/a.md'), post('a', '![gone][gone]\n\n[gone]: /assets/gone.png'))
  expect((await build(root)).code).toBe(1)
  expect((await build(root)).code).toBe(1)
  await writeFile(path.join(root, 'content/a.md'), good)
  // dist/ still holds the last good build, made from exactly these files.
  expect((await build(root)).stdout).toMatch(UP_TO_DATE)
})

test('a corrupted cache file is ignored: the next build runs and leaves a good one', async () => {
  const root = await site()
  await build(root)
  await writeFile(path.join(root, 'node_modules/.cache/berth/cache.bin'), '{"format": 1, "inputs": ')
  expect((await build(root)).stdout).toMatch(BUILT)
  expect((await build(root)).stdout).toMatch(UP_TO_DATE)
})

test('a file keeps the digest it had while its size, dates and inode stay, and is read again when any changes or it changed just before', async () => {
  const root = await site()
  const file = path.join(root, 'content/a.md')
  const first = digestBuildInputs(root, {})
  // A record whose check lies well after every file's last change: stamps that match are trusted.
  const record = (stamps = first.stamps, checkedAt = Date.now() + 60_000) => ({ format: 2, inputs: first.digest, checkedAt, stamps, diagnostics: [], pageCount: 0, assetCount: 0 })
  expect(digestBuildInputs(root, {}, record()).digest).toBe(first.digest)
  // Proof that a trusted stamp is not read again: its digest, swapped, is taken as it is.
  const swapped = { ...first.stamps, [file]: [...first.stamps[file]!.slice(0, 4), 'swapped'] as typeof first.stamps[string] }
  expect(digestBuildInputs(root, {}, record(swapped)).digest).not.toBe(first.digest)
  // Changed just before the last check: read again, whatever its stamp says.
  expect(digestBuildInputs(root, {}, record(swapped, Date.now())).digest).toBe(first.digest)
  // The same size and modification time after an edit: the change time still tells.
  const { mtime } = await stat(file)
  const text = await readFile(file, 'utf8')
  await writeFile(file, text.replace('# A', '# Z'))
  await utimes(file, mtime, mtime)
  expect((await stat(file)).size).toBe(text.length)
  expect(digestBuildInputs(root, {}, record()).digest).not.toBe(first.digest)
})
