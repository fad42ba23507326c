import { execFileSync } from 'node:child_process'
import { cp, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { chooseThreads, MIN_POSTS_PER_THREAD } from '../../src/markdown/markdown-pool.ts'
import { MAX_NESTING } from '../../src/markdown/nesting-guard.ts'
import { buildInMemory, makeSite, makeTempDir, post } from '../helpers/temp-site.ts'

const REPO = path.resolve(import.meta.dirname, '../..')

/** A site of generated tutorial posts (the benchmark's corpus) beside the bundled guide and the seed post. */
async function mixedSite(count: number): Promise<string> {
  const root = await makeTempDir('berth-pool-')
  execFileSync(process.execPath, [path.join(REPO, 'bench/gen-corpus.mjs'), String(count), root], { stdio: 'ignore' })
  await rename(path.join(root, 'posts'), path.join(root, 'content'))
  await cp(path.join(REPO, 'content'), path.join(root, 'content'), { recursive: true })
  await cp(path.join(REPO, 'assets'), path.join(root, 'assets'), { recursive: true })
  await writeFile(path.join(root, 'berth.config.json'), JSON.stringify({ title: 'Pool test' }))
  // Links to other posts' sources are rewritten to their urls, which worker threads must know too.
  await writeFile(path.join(root, 'content/reading-order.md'), post('start-here', '# Start here\n\nRead [the introduction](ml-skills/docker/introduction.md), then [publishing](guide/publishing.md).'))
  return root
}

function expectSameFiles(a: Map<string, string | Uint8Array>, b: Map<string, string | Uint8Array>): void {
  expect([...b.keys()]).toEqual([...a.keys()])
  for (const [file, bytes] of a) expect(Buffer.from(b.get(file)!).equals(Buffer.from(bytes)), file).toBe(true)
}

test('the worker pool and the main thread build byte-identical sites', { timeout: 120_000 }, async () => {
  const root = await mixedSite(40)
  const single = await buildInMemory(root, { cache: false, threads: 0 })
  const pooled = await buildInMemory(root, { cache: false, threads: 2 })
  expect(single.result.ok).toBe(true)
  expect(single.result.markdown.threads).toBe(0)
  expect(pooled.result.markdown.threads).toBe(2)
  expect(single.files.size).toBeGreaterThan(40)
  expect(single.text('start-here/index.html')).toContain('href="/ml-skills/docker/introduction/"')
  expectSameFiles(single.files, pooled.files)
  expect(pooled.result.diagnostics).toEqual(single.result.diagnostics)
  // Posts' HTML comes back from the threads as UTF-8 bytes, half the memory of the text.
  expect(pooled.result.site!.pages.every((page) => page.html instanceof Uint8Array)).toBe(true)
})

test('posts from the cache and posts from the pool make the same site as one thread without a cache', { timeout: 120_000 }, async () => {
  const root = await mixedSite(20)
  await buildInMemory(root, { threads: 0 })
  // Change some posts so that the next build mixes cache hits with posts rendered in the pool.
  for (const file of ['guide/publishing.md', 'guide/getting-started.md']) {
    const full = path.join(root, 'content', file)
    execFileSync('sed', ['-i', 's/berth/Berth/g', full])
  }
  const mixed = await buildInMemory(root, { threads: 2 })
  expect(mixed.result.markdown.rendered).toBe(2)
  expect(mixed.result.markdown.threads).toBe(2)
  const fresh = await buildInMemory(root, { cache: false, threads: 0 })
  expectSameFiles(fresh.files, mixed.files)
})

test('errors found in a worker thread are reported exactly as in the main thread', { timeout: 60_000 }, async () => {
  const files: Record<string, string> = {}
  for (let i = 0; i < 6; i++) {
    const body = i % 2 ? `# Post ${i}\n\n![missing][m]\n\n[m]: /assets/none-${i}.png` : `# Post ${i}\n\n<toc>\n\n## Part\n\n${'> '.repeat(MAX_NESTING + 5)}deep`
    files[`content/p${i}.md`] = post(`p${i}`, body)
  }
  const root = await makeSite(files)
  const single = await buildInMemory(root, { cache: false, threads: 0 })
  const pooled = await buildInMemory(root, { cache: false, threads: 2 })
  expect(single.result.ok).toBe(false)
  expect(new Set(single.result.diagnostics.map((d) => d.ruleId))).toEqual(new Set(['image/missing', 'markdown/too-deep']))
  expect(pooled.result.diagnostics).toEqual(single.result.diagnostics)
})

test('the pool is used only when there is enough to render, one thread per core at most', () => {
  expect(chooseThreads(10, undefined, 8)).toBe(0)
  expect(chooseThreads(MIN_POSTS_PER_THREAD * 2 - 1, undefined, 8)).toBe(0)
  expect(chooseThreads(MIN_POSTS_PER_THREAD * 2, undefined, 8)).toBe(2)
  expect(chooseThreads(100_000, undefined, 8)).toBe(8)
  expect(chooseThreads(100_000, undefined, 1)).toBe(0)
  // An explicit count wins, and 0 or 1 means the main thread.
  expect(chooseThreads(3, 4, 2)).toBe(4)
  expect(chooseThreads(100_000, 1, 8)).toBe(0)
  expect(chooseThreads(100_000, 0, 8)).toBe(0)
  // Every post from the cache: no pool, whatever was asked.
  expect(chooseThreads(0, 4, 8)).toBe(0)
})
