import type { Heading, List, Nodes, Root } from 'mdast'
import { toc } from 'mdast-util-toc'
import { SKIP, visit } from '../visit-tree.ts'
import type { VFile } from 'vfile'
import type { TocNav } from '../file-data.ts'
import { reportWarning } from '../report.ts'
import { tocEntriesFromList } from '../toc-entries.ts'

export type Options = {
  /** Shallowest heading level listed. Default 2. */
  minDepth?: Heading['depth']
  /** Deepest heading level listed. Default 3. */
  maxDepth?: Heading['depth']
}

/** `<toc>`, `<toc/>`, `<toc />` or `<toc></toc>` standing alone as a block. */
const DIRECTIVE = /^<toc\s*\/?>(?:\s*<\/toc>)?$/i

/**
 * Replace each `<toc>` block with a `<nav>` holding the page's heading tree, and put the same tree on
 * `file.data.toc` for templates. Runs after heading ids, so the links match the ids exactly.
 */
/**
 * An html block holding the directive, or a paragraph holding nothing else: CommonMark reads
 * `<toc></toc>` on one line as a paragraph of two inline tags.
 */
function isDirective(node: Nodes): boolean {
  if (node.type === 'html') return DIRECTIVE.test(node.value.trim())
  if (node.type !== 'paragraph') return false
  const parts = node.children.map((child) => (child.type === 'html' ? child.value : child.type === 'text' && child.value.trim() === '' ? '' : undefined))
  return !parts.includes(undefined) && DIRECTIVE.test(parts.join('').trim())
}

export default function remarkTocDirective(options: Options = {}) {
  const settings = { minDepth: options.minDepth ?? 2, maxDepth: options.maxDepth ?? 3, tight: true } as const
  return (tree: Root, file: VFile) => {
    const { map } = toc(tree, settings)
    const depths = new Map((file.data.headings ?? []).map((h) => [h.id, h.depth]))
    file.data.toc = map ? tocEntriesFromList(map, (id) => depths.get(id) ?? 0) : []
    let placed = false
    visit(tree, (node, index, parent) => {
      // Only blocks: code is never an html node, and `<toc>` amid prose is left alone.
      if (!parent || index === undefined || parent.type === 'paragraph' || !isDirective(node)) return
      // One table of contents a page: a page has one list of its headings, and landmarks need unique names.
      if (placed || !map) {
        reportWarning(file, node, 'toc/unused', placed ? 'a second <toc> is ignored: the page already has one' : `<toc> has no headings of levels ${settings.minDepth}–${settings.maxDepth} to list`, placed ? 'remove it' : 'add ## headings, or remove the directive')
        parent.children.splice(index, 1)
        return [SKIP, index]
      }
      placed = true
      const nav: TocNav = {
        type: 'tocNav',
        children: [structuredClone(map) as List],
        data: { hName: 'nav', hProperties: { className: ['toc'], ariaLabel: 'Table of contents' } },
        // Where the directive was: the markdown twin leaves it out.
        ...(node.position ? { position: node.position } : {}),
      }
      parent.children.splice(index, 1, nav)
      return SKIP
    })
  }
}
