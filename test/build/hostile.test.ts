import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { build } from '../../src/build.ts'
import { buildInMemory, makeSite, makeTempDir, post } from '../helpers/temp-site.ts'
import { readTree } from '../helpers/tree.ts'

const REPO = path.resolve(import.meta.dirname, '../..')

/** Compare trees by digest: deep-equality on megabytes of bytes is slow. */
function digestTree(tree: Map<string, Buffer>): Map<string, string> {
  return new Map([...tree].map(([file, bytes]) => [file, createHash('sha1').update(bytes).digest('hex')]))
}

test('a 5 MB post builds', { timeout: 180_000 }, async () => {
  const body = 'Run `docker run -p 8080:80 nginx` and **watch** the [logs](https://docs.docker.com/).\n\n'.repeat(60_000)
  expect(body.length).toBeGreaterThan(5_000_000)
  const { result, text } = await buildInMemory(await makeSite({ 'content/big.md': post('big', `# Big\n\n<toc>\n\n## Part\n\n${body}`) }))
  expect(result.ok).toBe(true)
  expect(text('big/index.html').length).toBeGreaterThan(5_000_000)
})

test.for([
  ['10,000 nested blockquotes', `${'> '.repeat(10_000)}deep`, 8],
  ['10,000 nested list items', `${'- '.repeat(10_000)}deep`, 8],
  // The first line past 100 levels is the 102nd item.
  ['1,000 indented list levels', Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i * 2)}- level ${i}`).join('\n'), 108],
] as const)('%s stop with an error at their line, fast', { timeout: 20_000 }, async ([, body, line]) => {
  const { result } = await buildInMemory(await makeSite({ 'content/deep.md': post('deep', `Intro.\n\n${body}`) }))
  expect(result.diagnostics).toEqual([expect.objectContaining({ file: 'content/deep.md', line, ruleId: 'markdown/too-deep' })])
})

test('10,000 list items side by side build', { timeout: 60_000 }, async () => {
  const { result, text } = await buildInMemory(await makeSite({ 'content/long.md': post('long', Array.from({ length: 10_000 }, (_, i) => `- item ${i}`).join('\n')) }))
  expect(result.ok).toBe(true)
  expect(text('long/index.html')).toContain('item 9999')
})

test('a symlinked post that points outside the site is refused', async () => {
  const outside = await makeTempDir()
  await writeFile(path.join(outside, 'secret.md'), post('secret', 'Secret text.'))
  const root = await makeSite({ 'content/a.md': post('a', 'A') })
  await symlink(path.join(outside, 'secret.md'), path.join(root, 'content/secret.md'))
  const { result } = await buildInMemory(root)
  expect(result.diagnostics).toEqual([expect.objectContaining({ file: 'content/secret.md', ruleId: 'content/outside-site' })])
})

test('whatever the content says, nothing is written outside the output folder', async () => {
  const parent = await makeTempDir()
  const root = path.join(parent, 'site')
  await mkdir(path.join(root, 'content'), { recursive: true })
  // Urls that leave the folder are errors (tested with the other errors); these look like paths elsewhere.
  const hostile = ['/etc/passwd', '/tmp/berth-pwned', '/root/.ssh/authorized_keys', '~/x']
  for (const [i, url] of hostile.entries()) await writeFile(path.join(root, `content/p${i}.md`), post(url, 'Text'))
  const out = path.join(parent, 'out')
  const result = await build({ root, out })
  expect(result.ok).toBe(true)
  expect((await readdir(parent)).sort()).toEqual(['out', 'site'])
  const files = [...(await readTree(out)).keys()]
  expect(files).toEqual(expect.arrayContaining(['etc/passwd/index.html', 'tmp/berth-pwned/index.html', 'root/.ssh/authorized_keys/index.html', '~/x/index.html']))
})

test('a build killed while writing leaves the old or the new output, never a mix, and the next build cleans up', { timeout: 120_000 }, async () => {
  const files: Record<string, string | Uint8Array> = {}
  // Enough output that the write takes a while (large assets to copy), so the kill lands during it.
  for (let i = 0; i < 100; i++) files[`content/p${i}.md`] = post(`posts/p${i}`, `Version one of post ${i}.`)
  for (let i = 0; i < 150; i++) files[`assets/blob-${i}.bin`] = new Uint8Array(200_000).fill(i % 256)
  const root = await makeSite(files)
  const out = path.join(root, 'dist')
  expect((await build({ root, out })).ok).toBe(true)
  const before = digestTree(await readTree(out))
  for (let i = 0; i < 100; i++) await writeFile(path.join(root, `content/p${i}.md`), post(`posts/p${i}`, `Version two of post ${i}.`))

  const child = spawn(process.execPath, [path.join(REPO, 'bin/berth.js'), 'build', '--root', root], { stdio: 'ignore' })
  // Kill it once its staging folder appears, i.e. mid-write.
  for (let waited = 0; waited < 60_000; waited += 5) {
    if ((await readdir(root)).some((name) => name.startsWith('.berth-new-'))) break
    await new Promise((r) => setTimeout(r, 5))
  }
  child.kill('SIGKILL')
  await new Promise((resolve) => child.on('exit', resolve))
  // The kill landed mid-write: the staging folder is left behind.
  expect((await readdir(root)).filter((name) => name.startsWith('.berth-new-'))).toHaveLength(1)

  const tree = await readTree(out)
  const versions = new Set([...tree].filter(([file]) => file.startsWith('posts/')).map(([, html]) => /Version (one|two)/.exec(String(html))?.[1]))
  expect(versions.size).toBe(1)
  const after = digestTree(tree)
  expect([...after.keys()]).toEqual([...before.keys()])
  if (versions.has('one')) expect(after).toEqual(before)

  expect((await build({ root, out })).ok).toBe(true)
  expect((await readdir(root)).filter((name) => name.startsWith('.berth-'))).toEqual([])
})
