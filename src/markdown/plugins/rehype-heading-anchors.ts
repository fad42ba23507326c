import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from '../visit-tree.ts'

export type Options = {
  /** Heading levels that get an anchor link. Default h2–h4. */
  levels?: readonly string[]
}

/**
 * Give each heading with an id a `#` link to itself, so readers can share a section. Search leaves
 * the `#` out (`data-pagefind-ignore`), or every section title in the results would end with one.
 */
export default function rehypeHeadingAnchors(options: Options = {}) {
  const levels = new Set(options.levels ?? ['h2', 'h3', 'h4'])
  return (tree: Root) => {
    visit(tree, 'element', (heading: Element) => {
      if (!levels.has(heading.tagName) || typeof heading.properties.id !== 'string') return
      const label = `Link to the section “${toString(heading)}”`
      heading.children.push({ type: 'element', tagName: 'a', properties: { className: ['heading-anchor'], href: `#${heading.properties.id}`, ariaLabel: label, dataPagefindIgnore: '' }, children: [{ type: 'text', value: '#' }] })
    })
  }
}
