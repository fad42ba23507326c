import type { Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import '../file-data.ts'
import { headingText } from './remark-heading-ids.ts'

export type Options = {
  /** Longest excerpt, in characters, cut at a word. Default 160. */
  maxLength?: number
}

/**
 * Read what a page says about itself: a leading `#` heading becomes `file.data.title` and leaves the body
 * (the template shows the title as the page's one `<h1>`, with the heading's id), and the first paragraph with text becomes
 * `file.data.excerpt`.
 */
export default function remarkPageSummary(options: Options = {}) {
  const maxLength = options.maxLength ?? 160
  return (tree: Root, file: VFile) => {
    const first = tree.children.findIndex((node) => node.type !== 'html' && node.type !== 'definition')
    const lead = tree.children[first]
    if (lead?.type === 'heading' && lead.depth === 1) {
      file.data.title = headingText(lead).trim()
      const id = lead.data?.hProperties?.id
      if (typeof id === 'string') file.data.titleId = id
      file.data.headings = file.data.headings?.filter((heading) => heading.id !== id)
      // The markdown twin leaves the heading out too: it starts with the page's title, whatever names it.
      const { start, end } = lead.position ?? {}
      if (start?.offset !== undefined && end?.offset !== undefined) file.data.titleSpan = [start.offset, end.offset]
      tree.children.splice(first, 1)
    }
    for (const node of tree.children) {
      if (node.type !== 'paragraph') continue
      // Raw HTML is markup, not words a summary should repeat.
      const words = { ...node, children: node.children.filter((child) => child.type !== 'html') }
      const text = toString(words, { includeImageAlt: false }).replace(/\s+/g, ' ').trim()
      if (text) {
        file.data.excerpt = truncate(text, maxLength)
        break
      }
    }
  }
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`
}
