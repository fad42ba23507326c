import type { Root } from 'hast'
import { visit } from '../visit-tree.ts'

/**
 * GFM column alignment arrives as the `align` attribute, which HTML has deprecated; turn it into an
 * `align-left|center|right` class that the stylesheet aligns (no inline styles, so a strict CSP holds).
 */
export default function rehypeTableAlign() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if ((node.tagName !== 'th' && node.tagName !== 'td') || typeof node.properties.align !== 'string') return
      const existing = Array.isArray(node.properties.className) ? node.properties.className : []
      node.properties.className = [...existing, `align-${node.properties.align}`]
      delete node.properties.align
    })
  }
}
