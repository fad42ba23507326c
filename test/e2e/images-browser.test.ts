/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The callbacks given to page.evaluate run in the browser.
import path from 'node:path'
import axe from 'axe-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build } from '../../src/build.ts'
import { browserUnavailable, serveInBrowser } from '../helpers/browser.ts'
import { diagramPng, photoJpeg } from '../helpers/images.ts'
import { makeSite } from '../helpers/temp-site.ts'

const unavailable = browserUnavailable()

const POST = [
  '---',
  'url: docker/shots',
  'layout: post',
  'tested: {docker: "24.0", compose: "2.20"}',
  '---',
  '',
  '# Screenshots',
  '',
  '![The harbour at dusk][photo]',
  '',
  'Text between the images.',
  '',
  '![The pipeline](/assets/diagram.png)',
  '',
  '[photo]: /assets/photo.jpg',
  '',
].join('\n')

describe.skipIf(unavailable)(`responsive images, the tested-with notice and the markdown copy in a real browser${unavailable ? ` (skipped: ${unavailable})` : ''}`, { timeout: 120_000 }, () => {
  let site: Awaited<ReturnType<typeof serveInBrowser>>

  beforeAll(async () => {
    const root = await makeSite({
      'berth.config.json': JSON.stringify({ title: 'Shots', tested: { current: { docker: '29.1' } } }),
      'content/docker/shots.md': POST,
      'assets/photo.jpg': await photoJpeg(800, 450),
      'assets/diagram.png': await diagramPng(700, 400),
    })
    const result = await build({ root, siteUrl: 'https://shots.example' })
    if (!result.ok) throw new Error(`the site does not build: ${JSON.stringify(result.diagnostics)}`)
    site = await serveInBrowser(path.join(root, 'dist'))
  }, 120_000)

  afterAll(async () => {
    await site?.close()
  })

  /** The images the page fetched at a viewport width, by file name. */
  async function imagesLoadedAt(width: number): Promise<string[]> {
    const page = await site.browser.newPage()
    const fetched: string[] = []
    page.on('response', (response) => {
      if (response.request().resourceType() === 'image') fetched.push(path.basename(new URL(response.url()).pathname))
    })
    await page.setViewportSize({ width, height: 2000 })
    await page.goto(`${site.origin}/docker/shots/`, { waitUntil: 'networkidle' })
    const complete = await page.evaluate(() => [...document.querySelectorAll('.post-body img')].map((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0))
    expect(complete).toEqual([true, true])
    await page.close()
    return fetched.filter((name) => !name.endsWith('.svg')).sort()
  }

  test('on a 390 px phone the browser loads the smallest fitting variant, AVIF where offered, and never the original', async () => {
    expect(await imagesLoadedAt(390)).toEqual(['diagram.png.480w.webp', 'photo.jpg.480w.avif'])
  })

  test('on a desktop it loads the width the column needs', async () => {
    expect(await imagesLoadedAt(1280)).toEqual(['diagram.png.700w.webp', 'photo.jpg.800w.avif'])
  })

  test('axe-core finds no violations on the page with pictures and an outdated notice, light and dark, phone and desktop', async () => {
    for (const width of [390, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await site.browser.newPage()
        await page.setViewportSize({ width, height: 900 })
        await page.emulateMedia({ colorScheme })
        await page.goto(`${site.origin}/docker/shots/`)
        expect(await page.locator('.tested-with.is-outdated').textContent()).toContain('May be outdated')
        await page.addScriptTag({ content: axe.source })
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: typeof axe }).axe.run(document)
          return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
        })
        expect(violations, `${width} px, ${colorScheme}`).toEqual([])
        await page.close()
      }
    }
  })

  test('"Copy page as markdown" puts the post\'s markdown twin on the clipboard', async () => {
    await site.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin })
    const page = await site.browser.newPage()
    await page.goto(`${site.origin}/docker/shots/`)
    const button = page.getByRole('button', { name: 'Copy page as markdown' })
    await button.click()
    await page.getByRole('button', { name: 'Copied' }).waitFor({ timeout: 5_000 })
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    const twin = await (await fetch(`${site.origin}/docker/shots/index.md`)).text()
    expect(copied).toBe(twin)
    expect(copied.startsWith('# Screenshots\n\n![The harbour at dusk](https://shots.example/assets/photo.jpg)')).toBe(true)
    await page.close()
  })
})
