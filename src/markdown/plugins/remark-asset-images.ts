import type { Definition, Image, ImageReference, Root } from 'mdast'
import { visit } from '../visit-tree.ts'
import type { VFile } from 'vfile'
import type { ImageRef } from '../../types.ts'
import { collectDefinitions, postPathOf } from '../definitions.ts'
import '../file-data.ts'
import type { ImageProbe } from '../probe-image.ts'
import { resolveHtmlImages } from '../html-images.ts'
import { reportProbeProblem } from '../image-problems.ts'
import { reportError, reportWarning } from '../report.ts'
import { resolveImageTarget, type ImageDirs } from '../resolve-image.ts'

export type Options = ImageDirs & {
  /** Checks a file and reads its size; see `createImageProber`. Required. */
  probe: (file: string) => ImageProbe
  /** The site's base path, which `<img>` tags in raw HTML get here (later plugins see only markdown's urls). Default `/`. */
  base?: string
}

/**
 * Resolve every image (inline, reference-style against its definition, or an `<img>` tag in raw HTML)
 * to a file under assets/ or content/, check it, and give it its real `width`/`height`. Images after the first load lazily.
 * Results go to `file.data.images`; problems are errors at the image's position.
 */
export default function remarkAssetImages(options: Options) {
  return (tree: Root, file: VFile) => {
    const definitions = collectDefinitions(tree)
    const images: ImageRef[] = []
    const postPath = postPathOf(file, options.contentDir)
    const base = options.base ?? '/'
    visit(tree, (node, index, parent) => {
      if (node.type === 'html') return resolveHtmlImages(node, postPath, file, images, { ...options, base })
      if (node.type !== 'image' && node.type !== 'imageReference') return
      const image = node.type === 'image' ? node : referenceToImage(node, definitions)
      if (!image) return
      if (node.type === 'imageReference' && parent && index !== undefined) parent.children[index] = image
      if (image.alt?.trim() === '' || image.alt === null) {
        reportWarning(file, node, 'image/missing-alt', `image "${image.url}" has no alt text`, 'describe the image in the brackets, e.g. ![diagram of two containers on one network](…), for readers who cannot see it')
      }
      const target = resolveImageTarget(image.url, postPath, options)
      if (target.kind === 'external') return
      if (target.kind === 'invalid') return reportError(file, node, target.ruleId, target.reason, target.hint)
      const probe = options.probe(target.path)
      if ('problem' in probe) return reportProbeProblem(file, node, image.url, target.path, options, probe)
      const suffix = image.url.slice(image.url.split(/[?#]/, 1)[0]!.length)
      image.url = target.url + suffix
      const lazy = images.length > 0 ? { loading: 'lazy', decoding: 'async' } : {}
      image.data = { ...image.data, hProperties: { ...image.data?.hProperties, width: probe.width, height: probe.height, ...lazy } }
      images.push({ url: target.url, path: target.path, width: probe.width, height: probe.height, ...(probe.format ? { format: probe.format } : {}), ...(probe.bytes !== undefined ? { bytes: probe.bytes } : {}), ...(probe.digest ? { digest: probe.digest } : {}) })
    })
    file.data.images = images
  }
}

function referenceToImage(node: ImageReference, definitions: ReadonlyMap<string, Definition>): Image | undefined {
  const definition = definitions.get(node.identifier)
  if (!definition) return undefined
  return { type: 'image', url: definition.url, title: definition.title ?? null, alt: node.alt ?? '', ...(node.position ? { position: node.position } : {}) }
}
