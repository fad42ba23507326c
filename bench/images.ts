// What responsive images cost and save. Cold: each image's variants encoded with no cache (median of
// BENCH_RUNS runs), in ms per image and per variant; warm: every variant found in the image cache.
// Saved: the image bytes a reader of each bundled post downloads at 390 px and 1,280 px (one device
// pixel per CSS pixel), originals against the variant the browser picks from the srcset (the smallest
// at least as wide as the image shows; the browser test checks that choice in chromium).
// Run: npm run bench:images
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build } from '../src/build.ts'
import { makeImageVariants } from '../src/images/responsive-images.ts'
import { variantsOf } from '../src/images/variants.ts'
import { createMemoryWriter } from '../src/write/writer.ts'
import { median } from './corpus.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

const writer = createMemoryWriter()
const result = await build({ root: ROOT, writer, cache: false, siteUrl: 'https://bench.example' })
if (!result.ok || !result.config) throw new Error('the bundled site does not build')
const config = result.config
const pages = result.site!.pages
const images = [...new Map(pages.flatMap((page) => page.images).filter((image) => variantsOf(image, config.images).length > 0).map((image) => [image.path, image])).values()]

console.log(`Cold cost per image (${images.length} images of the bundled site, no cache, median of ${RUNS}):`)
console.log('| image | size | variants | ms | ms per variant |')
console.log('|---|---|---|---|---|')
const perImage: number[] = []
for (const image of images) {
  const samples: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    await makeImageVariants([image], config.images, ROOT)
    samples.push(performance.now() - started)
  }
  const count = variantsOf(image, config.images).length
  perImage.push(median(samples))
  console.log(`| ${path.basename(image.path)} | ${image.width}×${image.height}, ${Math.round((image.bytes ?? 0) / 1024)} KB | ${count} | ${median(samples).toFixed(0)} | ${(median(samples) / count).toFixed(0)} |`)
}
console.log(`median cold cost per image: ${median(perImage).toFixed(0)} ms`)

// A heavy photo, as tutorials' screenshots of real desktops are: it gets AVIF too.
const photoDir = await mkdtemp(path.join(tmpdir(), 'berth-bench-photo-'))
const photoFile = path.join(photoDir, 'photo.jpg')
const noise = Buffer.alloc(1600 * 900 * 3)
let seed = 7
for (let i = 0; i < noise.length; i++) noise[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 23
const { default: sharp } = await import('sharp')
// Blurred noise: as busy as a photo, as slow to encode.
await sharp(noise, { raw: { width: 1600, height: 900, channels: 3 } }).blur(3).jpeg({ quality: 85 }).toFile(photoFile)
const photo = { url: '/assets/photo.jpg', path: photoFile, width: 1600, height: 900, format: 'jpg', bytes: (await stat(photoFile)).size, digest: 'bench' }
const photoSamples: number[] = []
for (let run = 0; run < RUNS; run++) {
  const started = performance.now()
  await makeImageVariants([photo], config.images, photoDir)
  photoSamples.push(performance.now() - started)
}
await rm(photoDir, { recursive: true, force: true })
console.log(`a 1600×900 photo (${Math.round(photo.bytes / 1024)} KB JPEG, AVIF and WebP at ${variantsOf(photo, config.images).length / 2} widths): ${median(photoSamples).toFixed(0)} ms cold`)

const cacheDir = await mkdtemp(path.join(tmpdir(), 'berth-bench-images-'))
await makeImageVariants(images, config.images, ROOT, { dir: cacheDir, prune: false })
const warm: number[] = []
for (let run = 0; run < RUNS; run++) {
  const started = performance.now()
  const again = await makeImageVariants(images, config.images, ROOT, { dir: cacheDir, prune: false })
  if (again.made !== 0) throw new Error('a warm run encoded again')
  warm.push(performance.now() - started)
}
await rm(cacheDir, { recursive: true, force: true })
console.log(`warm (every variant from the image cache): ${median(warm).toFixed(1)} ms for ${images.length} images`)

/** The bytes of the file the browser picks for an image shown `shown` CSS pixels wide. */
async function picked(image: (typeof images)[number], shown: number): Promise<number> {
  const variants = variantsOf(image, config.images)
  const format = variants.some((v) => v.format === 'avif') ? 'avif' : 'webp'
  const choice = variants.filter((v) => v.format === format).find((v) => v.width >= Math.min(shown, image.width)) ?? variants.filter((v) => v.format === format).at(-1)
  if (!choice) return image.bytes ?? 0
  const file = writer.files.get(choice.url.slice(1))
  return file ? Buffer.byteLength(file) : 0
}

console.log('\nImage bytes a reader downloads per post page (originals → responsive):')
console.log('| page | 390 px | 1,280 px |')
console.log('|---|---|---|')
let [before, after390, after1280] = [0, 0, 0]
for (const page of pages) {
  if (page.images.length === 0) continue
  let original = 0
  let phone = 0
  let desktop = 0
  for (const image of new Map(page.images.map((image) => [image.path, image])).values()) {
    const bytes = (await stat(image.path)).size
    original += bytes
    // The post column: the viewport less its padding on a phone, 46rem (736 px) on a desktop.
    phone += variantsOf(image, config.images).length > 0 ? await picked(image, 350) : bytes
    desktop += variantsOf(image, config.images).length > 0 ? await picked(image, 736) : bytes
  }
  before += original
  after390 += phone
  after1280 += desktop
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
  console.log(`| /${page.url} | ${kb(original)} → ${kb(phone)} | ${kb(original)} → ${kb(desktop)} |`)
}
console.log(`| all posts | ${(before / 1024).toFixed(0)} KB → ${(after390 / 1024).toFixed(0)} KB | ${(before / 1024).toFixed(0)} KB → ${(after1280 / 1024).toFixed(0)} KB |`)
