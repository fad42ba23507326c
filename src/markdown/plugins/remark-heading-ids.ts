import GithubSlugger, { slug as plainSlug } from 'github-slugger'
import type { Heading, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from '../visit-tree.ts'
import type { VFile } from 'vfile'
import '../file-data.ts'
import { reportWarning } from '../report.ts'

export type Options = {
  /** Id used when a heading's text gives an empty slug (only punctuation or emoji, where GitHub's id is empty). Default `section`. */
  fallback?: string
}

/** Give every heading a GitHub-compatible id (`why-docker`, repeats `-1`, `-2`) and list them on `file.data.headings`. */
export default function remarkHeadingIds(options: Options = {}) {
  const fallback = options.fallback ?? 'section'
  return (tree: Root, file: VFile) => {
    // A fresh slugger per file: ids only need to be unique within their page.
    const slugger = new GithubSlugger()
    const headings: NonNullable<VFile['data']['headings']> = []
    // The page title is the h1, so the body's headings start at h2.
    let previousDepth = 1
    visit(tree, 'heading', (node) => {
      if (node.depth > previousDepth + 1) {
        reportWarning(file, node, 'heading/skipped-level', `heading level jumps from h${previousDepth} to h${node.depth}`, `use ${'#'.repeat(previousDepth + 1)} here, so the outline (and the table of contents) nests as readers expect`)
      }
      previousDepth = node.depth
      const text = headingText(node).trim()
      // GitHub leaves such a heading an empty id, which no link can name; berth gives it one.
      const id = slugger.slug(plainSlug(text) === '' ? fallback : text)
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } }
      headings.push({ depth: node.depth, text, id })
    })
    file.data.headings = headings
  }
}

/**
 * The words of a heading as GitHub reads them for its id: the text of the rendered heading, so inline
 * code and link text count, while tags of raw HTML (`<code>`, `<img …>`) and image alt text do not.
 */
export function headingText(node: Heading): string {
  const words = (children: readonly RootContent[]): string =>
    children.map((child) => (child.type === 'html' || child.type === 'image' || child.type === 'imageReference' ? '' : 'children' in child ? words(child.children) : toString(child))).join('')
  return words(node.children)
}
