import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import pMap from 'p-map'
import { createDiagnostic } from '../diagnostics.ts'
import type { Diagnostic, ImageRef, OutputFile } from '../types.ts'
import { openImageCache } from './image-cache.ts'
import { type ImageFormat, type ImageSettings, type ImageVariant, variantsOf } from './variants.ts'

/**
 * Encoder settings, part of every variant's cache key (a change here makes every variant again). AVIF
 * at effort 2: four times faster than sharp's default 4, for files about a tenth larger.
 */
const ENCODE = { webp: { quality: 80, effort: 4 }, avif: { quality: 50, effort: 2 } } as const

/** The image cache's folder, and whether this run clears out what no run has used for long (a whole run's does; a dev rebuild sees only part of the site). */
export type ImageCacheUse = { dir: string; prune: boolean }

export type ImageVariantsResult = { files: OutputFile[]; made: number; reused: number; diagnostics: Diagnostic[] }

/**
 * The image stage: every variant of every image the posts show, made with sharp (libvips) on all
 * cores. Kept in a folder of its own under berth's cache, by a digest of the image's bytes, the
 * variant and the encoder: encoding is the slowest work of a build (tens to hundreds of milliseconds
 * a variant), and an image that did not change is never encoded again. Without a cache folder the
 * variants are made in memory. The original stays published as it was, as the fallback and share card.
 */
export async function makeImageVariants(images: readonly ImageRef[], settings: ImageSettings, root: string, cache?: ImageCacheUse): Promise<ImageVariantsResult> {
  const jobs = uniqueByPath(images).flatMap((image) => variantsOf(image, settings).map((variant) => ({ image, variant })))
  if (jobs.length === 0) {
    // A dev rebuild of a site with no images neither makes nor looks into the folder.
    if (cache?.prune) openImageCache(cache.dir).prune(new Set())
    return { files: [], made: 0, reused: 0, diagnostics: [] }
  }
  const folder = cache && openImageCache(cache.dir)
  // Loaded only when a site has images to make: sharp's native library takes a while to open.
  const { default: sharp } = await import('sharp')
  const version = sharp.versions.sharp ?? ''
  const named = jobs.map((job) => ({ ...job, name: `${variantKey(job.image, job.variant, version)}.${job.variant.format}` }))
  if (cache?.prune) folder!.prune(new Set(named.map((job) => job.name)))
  let made = 0
  const broken = new Map<string, Diagnostic>()
  const files = await pMap(
    named,
    async ({ image, variant, name }): Promise<OutputFile | undefined> => {
      const file = variant.url.replace(/^\/+/, '')
      if (folder?.has(name)) return { path: file, from: folder.pathOf(name) }
      made++
      let bytes: Uint8Array
      try {
        bytes = await encode(sharp, await readFile(image.path), variant)
      } catch (error) {
        // Its header gave a size, its pixels do not decode: no browser could show it either.
        const shown = path.relative(root, image.path).split(path.sep).join('/')
        broken.set(image.path, createDiagnostic(shown, 'error', 'image/unreadable', `image ${shown} does not decode: ${(error as Error).message.split('\n')[0]}`, undefined, 'export it again as PNG, JPEG or WebP, or replace the file'))
        return undefined
      }
      if (!folder) return { path: file, contents: bytes }
      folder.store(name, bytes)
      return { path: file, from: folder.pathOf(name) }
    },
    // libvips spreads each encode over threads of its own; two at a time keep every core busy.
    { concurrency: Math.max(2, Math.min(4, availableParallelism())) },
  )
  const written = files.filter((file): file is OutputFile => file !== undefined)
  return { files: written, made, reused: jobs.length - made, diagnostics: [...broken.values()] }
}

type Sharp = typeof import('sharp').default

async function encode(sharp: Sharp, input: Buffer, variant: ImageVariant): Promise<Uint8Array> {
  // The exact size the markup names; no metadata, so the same image gives the same bytes.
  const pipeline = sharp(input).resize(variant.width, variant.height, { fit: 'fill' })
  const output = variant.format === 'avif' ? pipeline.avif(ENCODE.avif) : pipeline.webp(ENCODE.webp)
  return new Uint8Array(await output.toBuffer())
}

function variantKey(image: ImageRef, variant: { width: number; height: number; format: ImageFormat }, version: string): string {
  const spec = JSON.stringify([image.digest ?? image.path, variant.width, variant.height, variant.format, ENCODE[variant.format], version])
  return createHash('sha256').update(spec).digest('base64url')
}

function uniqueByPath(images: readonly ImageRef[]): ImageRef[] {
  const byPath = new Map<string, ImageRef>()
  for (const image of images) if (!byPath.has(image.path) && image.format !== undefined) byPath.set(image.path, image)
  return [...byPath.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
}
