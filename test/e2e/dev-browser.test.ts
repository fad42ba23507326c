/// <reference lib="dom" />
// The callbacks given to page.evaluate and waitForFunction run in the browser.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import axe from 'axe-core'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dev, type DevServer } from '../../src/dev/dev.ts'
import { browserUnavailable, launchBrowser } from '../helpers/browser.ts'
import { makeSite, post } from '../helpers/temp-site.ts'

const unavailable = browserUnavailable()
if (unavailable) console.warn(`skipping browser tests: ${unavailable}`)

const paragraphs = (marker: string) => Array.from({ length: 60 }, (_, i) => `Paragraph ${i} about containers and images${i === 45 ? `: ${marker}` : ''}.`).join('\n\n')

describe.skipIf(unavailable)(`dev server in a real browser${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let server: DevServer
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  let page: Page
  let root: string
  const file = () => path.join(root, 'content/docker/long.md')

  beforeAll(async () => {
    root = await makeSite({ 'content/docker/long.md': post('docker/long', `# A long post\n\n${paragraphs('old words')}`) })
    const started = await dev({ root, port: 0, out: () => undefined, err: () => undefined, settleMs: 5 })
    if ('failed' in started) throw new Error('dev failed to start')
    server = started
    browser = await launchBrowser()
    page = await browser.browser.newPage()
    await page.goto(`${server.url}docker/long/`)
    // Wait until the page is listening for changes.
    await page.waitForFunction(() => document.documentElement.dataset.berthLive === 'connected')
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  test('an edit shows up at the same scroll position', { timeout: 30_000 }, async () => {
    await page.evaluate(() => window.scrollTo(0, 1500))
    await page.waitForFunction(() => Math.abs(window.scrollY - 1500) < 2)
    await writeFile(file(), post('docker/long', `# A long post\n\n${paragraphs('new words')}`))
    await page.waitForFunction(() => document.body.innerText.includes('new words'), undefined, { timeout: 10_000 })
    await page.waitForFunction(() => Math.abs(window.scrollY - 1500) < 2, undefined, { timeout: 5_000 })
    expect(await page.evaluate(() => window.scrollY)).toBeCloseTo(1500, -1)
  })

  test('a broken post shows the overlay with file and line; the fix removes it', { timeout: 30_000 }, async () => {
    await writeFile(file(), '---\nurl: docker/long\ndraft: sometimes\n---\n\nBroken.\n')
    const overlay = page.locator('#berth-error-overlay')
    await overlay.waitFor({ state: 'visible', timeout: 10_000 })
    // Playwright's css locators reach into the overlay's open shadow root.
    expect(await overlay.locator('.heading').innerText()).toContain('content/docker/long.md:3:1: error: front matter field "draft"')
    expect(await overlay.locator('.frame').innerText()).toContain('> 3 | draft: sometimes')
    expect(await overlay.locator('.hint').innerText()).toBe('hint: write draft: true or draft: false')
    // Readable in both schemes, whatever the theme's own styles for pre and text: axe checks contrast inside the shadow root.
    await page.addScriptTag({ content: axe.source })
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: typeof axe }).axe.run({ include: [['#berth-error-overlay']] } as unknown as Element)
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
      })
      expect(violations, colorScheme).toEqual([])
    }
    const colours = await overlay.locator('.frame').evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor])
    expect(colours[0]).not.toBe(colours[1])
    // The last good page is still underneath.
    expect(await page.locator('h1').innerText()).toBe('A long post')
    await writeFile(file(), post('docker/long', `# A long post\n\n${paragraphs('fixed words')}`))
    await overlay.waitFor({ state: 'detached', timeout: 10_000 })
    await page.waitForFunction(() => document.body.innerText.includes('fixed words'), undefined, { timeout: 10_000 })
  })

  test('a stylesheet change is swapped in without a reload', { timeout: 30_000 }, async () => {
    await page.evaluate(() => Object.assign(window, { berthMarker: 'still here' }))
    await mkdir(path.join(root, 'assets'), { recursive: true })
    await writeFile(path.join(root, 'assets/berth.css'), 'body { background: rgb(1, 2, 3) }')
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)', undefined, { timeout: 10_000 })
    expect(await page.evaluate(() => (window as unknown as { berthMarker?: string }).berthMarker)).toBe('still here')
  })
})
