/// <reference lib="dom" />
// The callbacks given to page.evaluate and waitForFunction run in the browser.
import path from 'node:path'
import axe from 'axe-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build } from '../../src/build.ts'
import { browserUnavailable, serveInBrowser } from '../helpers/browser.ts'
import { makeTempDir } from '../helpers/temp-site.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const unavailable = browserUnavailable()

describe.skipIf(unavailable)(`the bundled site in a real browser${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let site: Awaited<ReturnType<typeof serveInBrowser>>

  beforeAll(async () => {
    const out = path.join(await makeTempDir(), 'dist')
    const result = await build({ root: ROOT, out, base: '/', siteUrl: 'https://berth.example' })
    if (!result.ok) throw new Error('the bundled site does not build')
    site = await serveInBrowser(out)
  }, 60_000)

  afterAll(async () => {
    await site?.close()
  })

  test.for([
    ['home', '/'],
    ['series', '/guide/'],
    ['post', '/ml-skills/docker/introduction/'],
    ['guide post', '/guide/code-and-callouts/'],
    ['tag', '/tags/docker/'],
    ['search', '/search/?q=docker'],
  ])('axe-core finds no violations on the %s page, on a phone and a desktop, light and dark', { timeout: 120_000 }, async ([, url]) => {
    for (const width of [390, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await site.browser.newPage()
        await page.setViewportSize({ width, height: 900 })
        await page.emulateMedia({ colorScheme })
        await page.goto(site.origin + url)
        if (url!.startsWith('/search/')) await page.locator('.pagefind-ui__result-link').first().waitFor({ state: 'visible', timeout: 15_000 })
        await page.addScriptTag({ content: axe.source })
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: typeof axe }).axe.run(document)
          return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
        })
        expect(violations, `${url} (${width} px, ${colorScheme})`).toEqual([])
        await page.close()
      }
    }
  })

  test('on a desktop a post shows one table of contents, in the sidebar, and the header lines up with the text and the sidebar', { timeout: 30_000 }, async () => {
    const page = await site.browser.newPage()
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${site.origin}/guide/getting-started/`)
    expect(await page.locator('.post-body .toc').isVisible()).toBe(false)
    expect(await page.locator('.sidebar-toc').isVisible()).toBe(true)
    const box = (selector: string) => page.locator(selector).first().evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect)
    const [title, search, article, sidebar] = await Promise.all([box('.site-title'), box('.site-search'), box('.post'), box('.sidebar')])
    expect(Math.abs(title.left - article.left)).toBeLessThan(1)
    expect(Math.abs(search.right - sidebar.right)).toBeLessThan(1)
    // The header names the current section.
    expect(await page.locator('.site-nav a[aria-current]').allTextContents()).toEqual(['berth guide'])
    await page.close()
  })

  test('on a phone the table of contents stays in the post, and no copy button covers its code', { timeout: 30_000 }, async () => {
    const page = await site.browser.newPage()
    await page.setViewportSize({ width: 390, height: 800 })
    await page.goto(`${site.origin}/guide/code-and-callouts/`)
    expect(await page.locator('.post-body .toc').isVisible()).toBe(true)
    expect(await page.locator('.sidebar').isVisible()).toBe(false)
    const overlaps = await page.locator('figure.code-block').evaluateAll((figures) =>
      figures.map((figure) => {
        const button = figure.querySelector('.copy-button')!.getBoundingClientRect()
        const code = figure.querySelector('pre')!.getBoundingClientRect()
        return { visible: button.width > 0, clear: button.bottom <= code.top, inside: button.right <= figure.getBoundingClientRect().right }
      }),
    )
    expect(overlaps.length).toBeGreaterThan(3)
    expect(overlaps.filter((o) => !o.visible || !o.clear || !o.inside)).toEqual([])
    await page.close()
  })

  test('search finds a post by a word in its body, from the static files', { timeout: 30_000 }, async () => {
    const page = await site.browser.newPage()
    await page.goto(`${site.origin}/ml-skills/docker/introduction/`)
    await page.fill('#site-search-q', 'virtualization')
    await page.press('#site-search-q', 'Enter')
    await page.waitForURL(/\/search\/\?q=/)
    const result = page.locator('.pagefind-ui__result-link').first()
    await result.waitFor({ state: 'visible', timeout: 15_000 })
    const links = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))
    expect(links).toContain('/ml-skills/docker/introduction/')
    // Section titles in the results read as written, without the headings' # links.
    const titles = await page.locator('.pagefind-ui__result-link').allTextContents()
    expect(titles.length).toBeGreaterThan(1)
    expect(titles.filter((title) => title.includes('#'))).toEqual([])
    await page.close()
  })

  test("search excerpts read as the post's text, without the code blocks' copy buttons", { timeout: 30_000 }, async () => {
    const page = await site.browser.newPage()
    await page.goto(`${site.origin}/search/?q=container`)
    await page.locator('.pagefind-ui__result-excerpt').first().waitFor({ state: 'visible', timeout: 15_000 })
    const excerpts = await page.locator('.pagefind-ui__result-excerpt').allTextContents()
    expect(excerpts.join(' ')).toContain('container')
    // The button's label would run into the text before it ("Run itCopy Then").
    expect(excerpts.filter((excerpt) => /[a-z]Copy\b/.test(excerpt))).toEqual([])
    await page.close()
  })

  test('the copy button puts a console block\'s commands on the clipboard', { timeout: 30_000 }, async () => {
    await site.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin })
    const page = await site.browser.newPage()
    await page.goto(`${site.origin}/guide/code-and-callouts/`)
    const button = page.locator('figure[data-language="console"] button.copy-button').first()
    await button.waitFor({ state: 'visible' })
    await button.click()
    await page.waitForFunction(() => document.querySelector('figure[data-language="console"] button.copy-button')?.textContent === 'Copied')
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe("docker run -d --name web \\\n    -p 8080:80 \\\n    nginx:1.25\ndocker ps --format '{{.Names}}'")
    await page.close()
  })
})
