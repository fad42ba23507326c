import { load } from 'cheerio'
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { imageSize } from 'image-size'
import { describe, expect, test } from 'vitest'
import { imageCacheDir } from '../../src/paths.ts'
import { variantsOf, type ImageSettings } from '../../src/images/variants.ts'
import { diagramPng as diagram, photoJpeg as photo } from '../helpers/images.ts'
import { buildInMemory, makeSite } from '../helpers/temp-site.ts'

const SETTINGS: ImageSettings = { responsive: true, widths: [480, 960, 1440], sizes: '100vw', avifAboveKb: 100 }

describe('which variants an image gets', () => {
  const image = (width: number, format: string, bytes: number) => ({ url: '/assets/a.png', width, height: width / 2, format, bytes })

  test('the listed widths below its own, and its own when it is not wider than the largest', () => {
    expect(variantsOf(image(1000, 'png', 50_000), SETTINGS).map((v) => `${v.width}x${v.height}.${v.format}`)).toEqual(['480x240.webp', '1000x500.webp'])
    expect(variantsOf(image(3000, 'png', 50_000), SETTINGS).map((v) => v.width)).toEqual([480, 960, 1440])
    expect(variantsOf(image(1000, 'png', 50_000), SETTINGS)[0]!.url).toBe('/assets/a.png.480w.webp')
  })

  test('AVIF, first, only for images heavier than avifAboveKb; none for GIF, SVG, tiny images, or with responsive off', () => {
    expect(variantsOf(image(1000, 'jpg', 200_000), SETTINGS).map((v) => v.format)).toEqual(['avif', 'avif', 'webp', 'webp'])
    expect(variantsOf(image(1000, 'gif', 200_000), SETTINGS)).toEqual([])
    expect(variantsOf(image(1000, 'svg', 200_000), SETTINGS)).toEqual([])
    expect(variantsOf(image(1000, 'png', 2_000), SETTINGS)).toEqual([])
    expect(variantsOf(image(1000, 'png', 50_000), { ...SETTINGS, responsive: false })).toEqual([])
    // A WebP is not published again as itself.
    expect(variantsOf(image(1000, 'webp', 50_000), SETTINGS).map((v) => v.width)).toEqual([480])
  })
})

// Encoding AVIF takes a while: these tests build real images.
describe('responsive images in a built site', { timeout: 60_000 }, () => {
  async function site(config: object = {}) {
    return makeSite({
      'berth.config.json': JSON.stringify({ title: 'T', base: '/docs/', ...config }),
      'content/shots.md': '---\nurl: shots\nlayout: post\ndate: 2024-01-02\n---\n\n# Shots\n\n![A harbour at dusk][photo]\n\nText.\n\n![The pipeline](/assets/diagram.png)\n\n[photo]: /assets/photo.jpg\n',
      'assets/photo.jpg': await photo(800, 450),
      'assets/diagram.png': await diagram(700, 400),
    })
  }

  test('each image is a <picture>: AVIF and WebP sources with widths and sizes, the original <img> as the fallback', async () => {
    const { text, result } = await buildInMemory(await site())
    expect(result.diagnostics).toEqual([])
    const $ = load(text('shots/index.html'))
    const [first, second] = $('.post-body picture').toArray().map((p) => $(p))
    expect(first!.find('source').map((_, s) => `${$(s).attr('type')} ${$(s).attr('srcset')}`).get()).toEqual([
      'image/avif /docs/assets/photo.jpg.480w.avif 480w, /docs/assets/photo.jpg.800w.avif 800w',
      'image/webp /docs/assets/photo.jpg.480w.webp 480w, /docs/assets/photo.jpg.800w.webp 800w',
    ])
    expect(first!.find('source').first().attr('sizes')).toBe('(min-width: 50rem) 46rem, calc(100vw - 2.5rem)')
    const fallback = first!.find('img')
    expect([fallback.attr('src'), fallback.attr('width'), fallback.attr('height'), fallback.attr('alt')]).toEqual(['/docs/assets/photo.jpg', '800', '450', 'A harbour at dusk'])
    // The diagram is light: WebP only; it is not the first image, so it loads lazily.
    expect(second!.find('source').map((_, s) => $(s).attr('type')).get()).toEqual(['image/webp'])
    expect(second!.find('img').attr('loading')).toBe('lazy')
    // The share card stays the original.
    expect($('meta[property="og:image"]').attr('content')).toBe('https://docs.example.com/docs/assets/photo.jpg')
    // Feed readers show the post elsewhere: every url of its srcsets is absolute there.
    const feed = load(text('feed.xml'), { xml: true })
    const content = load(feed('entry content').text())
    expect(content('source').first().attr('srcset')).toBe('https://docs.example.com/docs/assets/photo.jpg.480w.avif 480w, https://docs.example.com/docs/assets/photo.jpg.800w.avif 800w')
  })

  test('every variant the markup names exists, in its format and at the size it says', async () => {
    const { text, files } = await buildInMemory(await site())
    const $ = load(text('shots/index.html'))
    const named = $('source').toArray().flatMap((s) => $(s).attr('srcset')!.split(', ').map((entry) => entry.split(' ') as [string, string]))
    expect(named).toHaveLength(6)
    for (const [url, width] of named) {
      const bytes = files.get(url.replace('/docs/', ''))
      expect(bytes, url).toBeInstanceOf(Uint8Array)
      const size = imageSize(bytes as Uint8Array)
      expect([size.type, `${size.width}w`], url).toEqual([url.endsWith('.avif') ? 'avif' : 'webp', width])
      expect(size.height, url).toBe(Math.round((size.width! * (url.includes('photo') ? 450 : 400)) / (url.includes('photo') ? 800 : 700)))
    }
    // The originals are published as they were.
    expect(files.has('assets/photo.jpg')).toBe(true)
  })

  test('the same input gives the same bytes, with or without the image cache; a second build encodes nothing', async () => {
    const root = await site()
    const first = await buildInMemory(root)
    const second = await buildInMemory(root)
    const uncached = await buildInMemory(root, { cache: false })
    expect(first.result.images.made).toBe(6)
    expect(second.result.images).toEqual({ made: 0, reused: 6 })
    const variants = [...first.files.keys()].filter((f) => /\.\d+w\.(webp|avif)$/.test(f)).sort()
    expect(variants).toHaveLength(6)
    for (const file of variants) {
      expect(Buffer.from(second.files.get(file) as Uint8Array).equals(Buffer.from(first.files.get(file) as Uint8Array)), file).toBe(true)
      expect(Buffer.from(uncached.files.get(file) as Uint8Array).equals(Buffer.from(first.files.get(file) as Uint8Array)), file).toBe(true)
    }
  })

  test('a whole build clears out of the image cache the variants no run has used for a month, and keeps those it used', async () => {
    const root = await site()
    await buildInMemory(root)
    const dir = imageCacheDir(root)
    const made = readdirSync(dir).sort()
    expect(made).toHaveLength(6)
    // Every variant last used 40 days ago, beside one of an image since edited away.
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000)
    writeFileSync(path.join(dir, 'an-old-version-of-photo.webp'), 'old')
    for (const name of readdirSync(dir)) utimesSync(path.join(dir, name), longAgo, longAgo)
    const again = await buildInMemory(root)
    expect(again.result.images).toEqual({ made: 0, reused: 6 })
    expect(readdirSync(dir).sort()).toEqual(made)
    // Used now, so dated now: the next month's clean-up keeps them too.
    for (const name of made) expect(statSync(path.join(dir, name)).mtimeMs, name).toBeGreaterThan(longAgo.getTime() + 1000)
  })

  test('images.responsive: false publishes plain <img> tags and no variants', async () => {
    const { text, files } = await buildInMemory(await site({ images: { responsive: false } }))
    expect(load(text('shots/index.html'))('picture')).toHaveLength(0)
    expect([...files.keys()].some((f) => /\.\d+w\.(webp|avif)$/.test(f))).toBe(false)
  })

  test('an image whose pixels do not decode is an error naming the file, and nothing is published', async () => {
    const root = await site()
    const { writeFile } = await import('node:fs/promises')
    const header = (await diagram(700, 400)).subarray(0, 4200)
    await writeFile(`${root}/assets/diagram.png`, header)
    const { result } = await buildInMemory(root)
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map((d) => [d.file, d.ruleId])).toEqual([['assets/diagram.png', 'image/unreadable']])
  })
})
