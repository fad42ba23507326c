import type { Root } from 'hast'
import { visit } from '../visit-tree.ts'

/**
 * Tables as berth's pages show them. GFM column alignment arrives as the `align` attribute, which HTML
 * has deprecated: it becomes an `align-left|center|right` class that the stylesheet aligns (no inline
 * styles, so a strict CSP holds). A wide table scrolls on its own (see berth.css), so it takes the
 * keyboard's focus: a reader without a mouse can scroll it too.
 */
export default function rehypeTables() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (node.tagName === 'table') node.properties.tabIndex = 0
      if ((node.tagName !== 'th' && node.tagName !== 'td') || typeof node.properties.align !== 'string') return
      const existing = Array.isArray(node.properties.className) ? node.properties.className : []
      node.properties.className = [...existing, `align-${node.properties.align}`]
      delete node.properties.align
    })
  }
}
