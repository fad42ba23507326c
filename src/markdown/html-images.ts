import type { Html } from 'mdast'
import type { VFile } from 'vfile'
import type { ImageRef } from '../types.ts'
import { parseSrcset, stringifySrcset } from 'srcset'
import { applyEdits, escapeAttribute, findTags, type HtmlTag, pointInNode } from './html-tags.ts'
import { reportProbeProblem } from './image-problems.ts'
import type { ImageProbe } from './probe-image.ts'
import { reportError, reportWarning } from './report.ts'
import { resolveImageTarget, type ImageDirs } from './resolve-image.ts'

/** The tags whose images berth resolves: `<img>`, and a `<picture>`'s `<source srcset>` (GitHub's dark-mode variant). */
const IMAGE_TAGS = new Set(['img', 'source'])

export type HtmlImageOptions = ImageDirs & { probe: (file: string) => ImageProbe; base: string }

type Edit = { start: number; end: number; text: string }
type Located = { position: { start: { line: number; column: number }; end: { line: number; column: number } } } | undefined

/**
 * Resolve, check and size the images of one piece of raw HTML, as markdown images are: each `src`, and
 * each url of a `srcset`, becomes the published url under the base path, and an `<img>` gains
 * `width`/`height` unless the author set either. The rest of the HTML stays as written. Problems are
 * reported at the tag.
 */
export function resolveHtmlImages(node: Html, postPath: string, file: VFile, images: ImageRef[], options: HtmlImageOptions): void {
  if (!/<(img|source)\b/i.test(node.value)) return
  const edits: Edit[] = []
  // Listed after the tags' own images: the first image a post shows is not loaded lazily, and a
  // <picture>'s <source> comes before its <img>.
  const alternatives: ImageRef[] = []
  for (const tag of findTags(node.value, IMAGE_TAGS)) {
    const point = pointInNode(node.position?.start, tag.line, tag.column)
    const at: Located = point ? { position: { start: point, end: point } } : undefined
    const srcset = tag.attributes.get('srcset')
    const srcsetSpan = tag.spans.get('srcset')
    if (srcset !== undefined && srcsetSpan) {
      const text = resolveSrcset(srcset, postPath, file, at, options, alternatives)
      if (text !== undefined) edits.push({ ...srcsetSpan, text: `srcset="${escapeAttribute(text)}"` })
    }
    if (tag.name === 'img') resolveImgSrc(tag, postPath, file, at, images, options, edits)
  }
  images.push(...alternatives)
  node.value = applyEdits(node.value, edits)
}

/** An `<img>`'s `src`: resolved, checked, sized and listed among the post's images. */
function resolveImgSrc(tag: HtmlTag, postPath: string, file: VFile, at: Located, images: ImageRef[], options: HtmlImageOptions, edits: Edit[]): void {
  const src = tag.attributes.get('src')
  const span = tag.spans.get('src')
  if (src === undefined || !span) return
  if (!tag.attributes.get('alt')?.trim()) {
    reportWarning(file, at, 'image/missing-alt', `image "${src}" has no alt text`, 'add alt="…" describing the image, for readers who cannot see it')
  }
  const found = checkedImage(src, postPath, file, at, options)
  if (!found || found === 'external') return
  edits.push({ start: span.start, end: span.end, text: `src="${escapeAttribute(found.published)}"` })
  const added = [
    ...(tag.attributes.has('width') || tag.attributes.has('height') ? [] : [`width="${found.image.width}" height="${found.image.height}"`]),
    ...(images.length > 0 && !tag.attributes.has('loading') ? ['loading="lazy"'] : []),
    ...(images.length > 0 && !tag.attributes.has('decoding') ? ['decoding="async"'] : []),
  ]
  if (added.length > 0) edits.push({ start: tag.insertAt, end: tag.insertAt, text: ` ${added.join(' ')}` })
  images.push(found.image)
}

/**
 * A `srcset` with each local url resolved and checked as an `<img>`'s `src` is, each file listed in
 * `images` to be published as it is; undefined when the srcset holds no local url.
 */
function resolveSrcset(srcset: string, postPath: string, file: VFile, at: Located, options: HtmlImageOptions, images: ImageRef[]): string | undefined {
  let local = false
  const candidates = parseSrcset(srcset).map((candidate) => {
    const found = checkedImage(candidate.url, postPath, file, at, options)
    if (found === 'external') return candidate
    local = true
    if (!found) return candidate
    images.push(found.image)
    return { ...candidate, url: found.published }
  })
  return local ? stringifySrcset(candidates) : undefined
}

/** A local image of raw HTML: as the post's images list it, and its url under the base path (query and hash kept). */
type FoundImage = { image: ImageRef; published: string }

/** One image url of raw HTML: external, missing or unreadable (reported, undefined), or the local file it names and its published url. */
function checkedImage(src: string, postPath: string, file: VFile, at: Located, options: HtmlImageOptions): FoundImage | 'external' | undefined {
  const target = resolveImageTarget(src, postPath, options)
  if (target.kind === 'external') return 'external'
  if (target.kind === 'invalid') {
    reportError(file, at, target.ruleId, target.reason, target.hint)
    return undefined
  }
  const probe = options.probe(target.path)
  if ('problem' in probe) {
    reportProbeProblem(file, at ?? {}, src, target.path, options, probe)
    return undefined
  }
  const suffix = src.slice(src.split(/[?#]/, 1)[0]!.length)
  return { image: { url: target.url, path: target.path, width: probe.width, height: probe.height }, published: options.base + encodeURI(target.url).slice(1) + suffix }
}
