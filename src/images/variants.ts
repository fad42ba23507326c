import type { ImageRef } from '../types.ts'

/** How posts' raster images are published (the config's `images`); part of the markdown settings, since the markup names the variants. */
export type ImageSettings = {
  /** `false` publishes every image as it is, in one `<img>`. */
  responsive: boolean
  /** The widths to publish, in pixels: those below the image's own width, and the image's own if it is not wider than the largest. */
  widths: number[]
  /** The `sizes` attribute: how wide the image shows, for the browser's choice of width. */
  sizes: string
  /** Images larger than this (in KB) get AVIF beside WebP: the heavy screenshots and photos, where AVIF's slower encoding buys most. */
  avifAboveKb: number
}

export type ImageFormat = 'avif' | 'webp'

/** One published variant of an image: its url (beside the original), size and format. */
export type ImageVariant = { url: string; width: number; height: number; format: ImageFormat }

/** The formats image-size names that berth resizes; GIFs (often animated) and SVGs stay as they are. */
const RESIZABLE = new Set(['png', 'jpg', 'webp'])

/** Below this an image (an icon, a badge) has nothing to gain from other formats and widths. */
const SMALL_BYTES = 4096

/**
 * The variants an image is published in, smallest first within each format (AVIF first, the better
 * one). A pure function of the image and the settings: the markdown stage writes the `<picture>` from
 * it and the image stage makes the files, each without the other.
 */
export function variantsOf(image: Pick<ImageRef, 'url' | 'width' | 'height' | 'format' | 'bytes'>, settings: ImageSettings): ImageVariant[] {
  if (!settings.responsive || image.format === undefined || !RESIZABLE.has(image.format) || (image.bytes ?? 0) < SMALL_BYTES) return []
  const largest = Math.max(...settings.widths)
  // A listed width within a tenth of the image's own would be the same file twice (960 beside 1000).
  const own = image.width <= largest
  const widths = [...new Set([...settings.widths.filter((width) => width < image.width * (own ? 0.9 : 1)), ...(own ? [image.width] : [])])].sort((a, b) => a - b)
  const formats: ImageFormat[] = (image.bytes ?? 0) > settings.avifAboveKb * 1024 ? ['avif', 'webp'] : ['webp']
  return formats.flatMap((format) =>
    widths
      // A WebP at its own width would be the original again.
      .filter((width) => !(format === 'webp' && image.format === 'webp' && width === image.width))
      .map((width) => ({ url: `${image.url}.${width}w.${format}`, width, height: Math.max(1, Math.round((image.height * width) / image.width)), format })),
  )
}
