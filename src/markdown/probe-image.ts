import { readFileSync } from 'node:fs'
import { imageSize } from 'image-size'
import { digestOf } from '../digest-files.ts'
import { isInside, realpathOrUndefined } from '../paths.ts'

export type ImageProbe =
  | { width: number; height: number; format?: string; bytes?: number; digest?: string }
  | { problem: 'missing' | 'outside-site' | 'unreadable'; detail?: string }

/**
 * Check an image file and read its dimensions. `siteRoot` guards against symlinks that lead out of the site.
 * Returns a function that remembers results, so an image used by many posts is read once per build.
 */
export function createImageProber(siteRoot: string): (file: string) => ImageProbe {
  const realRoot = realpathOrUndefined(siteRoot) ?? siteRoot
  const seen = new Map<string, ImageProbe>()
  return (file) => {
    let probe = seen.get(file)
    if (!probe) {
      probe = probeImage(file, realRoot)
      seen.set(file, probe)
    }
    return probe
  }
}

function probeImage(file: string, realRoot: string): ImageProbe {
  const real = realpathOrUndefined(file)
  if (!real) return { problem: 'missing' }
  if (!isInside(realRoot, real)) return { problem: 'outside-site' }
  try {
    const bytes = readFileSync(real)
    const { width, height, type } = imageSize(bytes)
    if (!width || !height) return { problem: 'unreadable', detail: 'it has no width or height' }
    // The digest names the image's variants in the image cache (see responsive-images.ts).
    return { width, height, ...(type ? { format: type } : {}), bytes: bytes.length, digest: digestOf(bytes) }
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : 'it is not an image berth can read (PNG, JPEG, GIF, WebP, AVIF, SVG …)'
    return { problem: 'unreadable', detail }
  }
}
