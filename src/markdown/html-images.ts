import type { Html } from 'mdast'
import type { VFile } from 'vfile'
import type { ImageRef } from '../types.ts'
import { applyEdits, escapeAttribute, findTags, pointInNode } from './html-tags.ts'
import { reportProbeProblem } from './image-problems.ts'
import type { ImageProbe } from './probe-image.ts'
import { reportError, reportWarning } from './report.ts'
import { resolveImageTarget, type ImageDirs } from './resolve-image.ts'

const IMG = new Set(['img'])

export type HtmlImageOptions = ImageDirs & { probe: (file: string) => ImageProbe; base: string }

/**
 * Resolve, check and size the `<img>` tags of one piece of raw HTML, as markdown images are: the `src`
 * becomes the published url under the base path, and `width`/`height` are added unless the author set
 * either. The rest of the HTML stays as written. Problems are reported at the tag.
 */
export function resolveHtmlImages(node: Html, postPath: string, file: VFile, images: ImageRef[], options: HtmlImageOptions): void {
  if (!/<img\b/i.test(node.value)) return
  const edits: { start: number; end: number; text: string }[] = []
  for (const tag of findTags(node.value, IMG)) {
    const point = pointInNode(node.position?.start, tag.line, tag.column)
    const at = point ? { position: { start: point, end: point } } : undefined
    const src = tag.attributes.get('src')
    const span = tag.spans.get('src')
    if (src === undefined || !span) continue
    if (!tag.attributes.get('alt')?.trim()) {
      reportWarning(file, at, 'image/missing-alt', `image "${src}" has no alt text`, 'add alt="…" describing the image, for readers who cannot see it')
    }
    const target = resolveImageTarget(src, postPath, options)
    if (target.kind === 'external') continue
    if (target.kind === 'invalid') {
      reportError(file, at, target.ruleId, target.reason, target.hint)
      continue
    }
    const probe = options.probe(target.path)
    if ('problem' in probe) {
      reportProbeProblem(file, at ?? {}, src, target.path, options, probe)
      continue
    }
    const suffix = src.slice(src.split(/[?#]/, 1)[0]!.length)
    edits.push({ start: span.start, end: span.end, text: `src="${escapeAttribute(options.base + encodeURI(target.url).slice(1) + suffix)}"` })
    const added = [
      ...(tag.attributes.has('width') || tag.attributes.has('height') ? [] : [`width="${probe.width}" height="${probe.height}"`]),
      ...(images.length > 0 && !tag.attributes.has('loading') ? ['loading="lazy"'] : []),
      ...(images.length > 0 && !tag.attributes.has('decoding') ? ['decoding="async"'] : []),
    ]
    if (added.length > 0) edits.push({ start: tag.insertAt, end: tag.insertAt, text: ` ${added.join(' ')}` })
    images.push({ url: target.url, path: target.path, width: probe.width, height: probe.height })
  }
  node.value = applyEdits(node.value, edits)
}
