import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import { type ImageSettings, variantsOf } from '../../images/variants.ts'
import type { ImageRef } from '../../types.ts'
import '../file-data.ts'
import { SKIP, visit } from '../visit-tree.ts'

/**
 * A post's raster images in modern formats: each `<img>` of a local PNG, JPEG or WebP becomes a
 * `<picture>` with a `<source>` per format (AVIF where it pays, then WebP), each offering the widths
 * `variantsOf` names, and the `<img>` itself, untouched (its width, height and lazy loading kept), as
 * the fallback for browsers without either. Raw HTML images stay as written.
 */
export default function rehypeResponsiveImages(settings: ImageSettings) {
  return (tree: Root, file: VFile) => {
    if (!settings.responsive) return
    const images = new Map<string, ImageRef>((file.data.images ?? []).map((image) => [image.url, image]))
    if (images.size === 0) return
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'img' || !parent || index === undefined || (parent.type === 'element' && parent.tagName === 'picture')) return
      const src = typeof node.properties.src === 'string' ? node.properties.src.split(/[?#]/, 1)[0]! : undefined
      const image = src === undefined ? undefined : images.get(src)
      const variants = image ? variantsOf(image, settings) : []
      if (variants.length === 0) return
      const sources: Element[] = (['avif', 'webp'] as const).flatMap((format) => {
        const offered = variants.filter((variant) => variant.format === format)
        if (offered.length === 0) return []
        const srcSet = offered.map((variant) => `${variant.url} ${variant.width}w`).join(', ')
        return [{ type: 'element', tagName: 'source', properties: { type: `image/${format}`, srcSet, sizes: settings.sizes }, children: [] }]
      })
      parent.children[index] = { type: 'element', tagName: 'picture', properties: {}, children: [...sources, node], ...(node.position ? { position: node.position } : {}) }
      return SKIP
    })
  }
}
