import type { Blockquote, Paragraph, Root } from 'mdast'
import { visit } from '../visit-tree.ts'

export type Options = {
  /** Title shown for each kind. Default: Note, Tip, Important, Warning, Caution. */
  titles?: Partial<Record<CalloutKind, string>>
}

export type CalloutKind = 'note' | 'tip' | 'important' | 'warning' | 'caution'

const MARKER = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i
const TITLES: Record<CalloutKind, string> = { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' }

/**
 * GitHub's alert syntax: a blockquote starting with `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or
 * `[!CAUTION]` becomes `<div class="callout callout-note" role="note">` with a title paragraph, so it is
 * announced and styled; any other blockquote stays a quote.
 */
export default function remarkCallouts(options: Options = {}) {
  const titles = { ...TITLES, ...options.titles }
  return (tree: Root) => {
    visit(tree, 'blockquote', (quote: Blockquote) => {
      const first = quote.children[0]
      const lead = first?.type === 'paragraph' ? first.children[0] : undefined
      const match = lead?.type === 'text' ? MARKER.exec(lead.value) : null
      if (!first || first.type !== 'paragraph' || lead?.type !== 'text' || !match) return
      const kind = match[1]!.toLowerCase() as CalloutKind
      lead.value = lead.value.slice(match[0].length)
      if (lead.value === '') first.children.shift()
      if (first.children[0]?.type === 'break') first.children.shift()
      if (first.children.length === 0) quote.children.shift()
      const title: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: titles[kind] }], data: { hProperties: { className: ['callout-title'] } } }
      quote.children.unshift(title)
      quote.data = { ...quote.data, hName: 'div', hProperties: { className: ['callout', `callout-${kind}`], role: 'note' } }
    })
  }
}
