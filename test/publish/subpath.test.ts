import path from 'node:path'
import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { build } from '../../src/build.ts'
import { serveStatic } from '../helpers/static-server.ts'
import { makeTempDir } from '../helpers/temp-site.ts'
import { readTree } from '../helpers/tree.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const BASE = '/repo/'

test('the bundled site under a sub-path: every page reachable from home, no broken link, image, stylesheet or script', { timeout: 60_000 }, async () => {
  const out = path.join(await makeTempDir(), 'dist')
  const result = await build({ root: ROOT, out, base: BASE, siteUrl: 'https://user.github.io/repo' })
  expect(result.ok).toBe(true)
  const host = await serveStatic(out, BASE)
  try {
    const seen = new Set<string>()
    const pages = new Set<string>()
    const queue = [BASE]
    const problems: string[] = []
    while (queue.length > 0) {
      const url = queue.shift()!
      if (seen.has(url)) continue
      seen.add(url)
      const response = await fetch(host.origin + url)
      if (response.status !== 200) {
        problems.push(`${url}: ${response.status}`)
        continue
      }
      if (!(url.endsWith('/') || url.endsWith('.html'))) continue
      pages.add(url)
      const $ = load(await response.text())
      const refs = $('a[href], link[href], script[src], img[src]').map((_, el) => $(el).attr('href') ?? $(el).attr('src')).get()
      for (const ref of refs) {
        const target = new URL(ref, host.origin + url)
        if (target.origin !== host.origin) continue
        if (!target.pathname.startsWith(BASE)) problems.push(`${url} links to ${ref}, outside ${BASE}`)
        else queue.push(target.pathname)
      }
    }
    expect(problems).toEqual([])
    const htmlFiles = [...(await readTree(out)).keys()].filter((f) => f.endsWith('.html') && f !== '404.html')
    expect([...pages].sort()).toEqual(htmlFiles.map((f) => BASE + f.replace(/index\.html$/, '')).sort())
  } finally {
    await host.close()
  }
})

test('the 404 page works from any depth under the sub-path', { timeout: 60_000 }, async () => {
  const out = path.join(await makeTempDir(), 'dist')
  await build({ root: ROOT, out, base: BASE })
  const host = await serveStatic(out, BASE)
  try {
    const response = await fetch(`${host.origin}${BASE}a/b/c/no-such-page/`)
    expect(response.status).toBe(404)
    const $ = load(await response.text())
    for (const ref of $('link[href], a[href]:not([href^="#"])').map((_, el) => $(el).attr('href')).get()) {
      expect(ref.startsWith(BASE) || ref.startsWith('http')).toBe(true)
      if (ref.startsWith(BASE)) expect((await fetch(host.origin + ref)).status).toBe(200)
    }
  } finally {
    await host.close()
  }
})
