import path from 'node:path'
import { isInside, toPosix } from '../paths.ts'

/** Where an image in a post points. */
export type ImageTarget =
  | { kind: 'external' }
  | { kind: 'local'; path: string; url: string }
  | { kind: 'invalid'; ruleId: 'image/outside-site' | 'image/invalid-url'; reason: string; hint: string }

export type ImageDirs = { assetsDir: string; contentDir: string }

const ASSETS_PREFIX = '/assets/'

/**
 * Map an image url written in a post to the file it names and the url it is published at.
 * `/assets/…` is the site's assets folder; other site paths and relative paths are resolved in content/
 * (relative to the post's folder). Anything that would leave those folders is refused.
 */
export function resolveImageTarget(src: string, postPath: string, dirs: ImageDirs): ImageTarget {
  if (/^(?:https?:)?\/\//i.test(src) || /^data:image\//i.test(src)) return { kind: 'external' }
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
    return { kind: 'invalid', ruleId: 'image/invalid-url', reason: `image url "${src}" uses a scheme berth cannot publish`, hint: 'use an https:// url or a file under assets/' }
  }
  const [pathPart] = src.split(/[?#]/, 1) as [string]
  let decoded: string
  try {
    decoded = decodeURIComponent(pathPart)
  } catch {
    return { kind: 'invalid', ruleId: 'image/invalid-url', reason: `image url "${src}" has malformed percent-encoding`, hint: 'write the path without `%` escapes' }
  }
  if (decoded.includes('\\') || decoded.includes('\0') || decoded === '') {
    return { kind: 'invalid', ruleId: 'image/invalid-url', reason: `image url "${src}" is not a usable path`, hint: 'use forward slashes, e.g. /assets/images/diagram.png' }
  }
  const isSitePath = decoded.startsWith('/')
  const file = decoded.startsWith(ASSETS_PREFIX)
    ? path.join(dirs.assetsDir, decoded.slice(ASSETS_PREFIX.length))
    : isSitePath
      ? path.join(dirs.contentDir, decoded)
      : path.resolve(path.dirname(postPath), decoded)
  // A site path never climbs; a relative one may, as long as it stays inside assets/ or content/.
  const climbs = isSitePath && decoded.split('/').includes('..')
  if (!climbs && isInside(dirs.assetsDir, file)) {
    return { kind: 'local', path: file, url: `${ASSETS_PREFIX}${toPosix(path.relative(dirs.assetsDir, file))}` }
  }
  if (!climbs && isInside(dirs.contentDir, file)) {
    return { kind: 'local', path: file, url: `/${toPosix(path.relative(dirs.contentDir, file))}` }
  }
  return {
    kind: 'invalid',
    ruleId: 'image/outside-site',
    reason: `image "${src}" points outside the site's assets/ and content/ folders`,
    hint: 'put the image under assets/ and link it as /assets/…',
  }
}
