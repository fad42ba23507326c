import { parseFragment, type DefaultTreeAdapterMap } from 'parse5'

type Element = DefaultTreeAdapterMap['element']
type ParentNode = DefaultTreeAdapterMap['parentNode']

/** A start tag in a piece of raw HTML: its attributes, and where they and its end lie in the text. */
export type HtmlTag = {
  name: string
  attributes: ReadonlyMap<string, string>
  /** Line (1-based, within the text) and column of the tag. */
  line: number
  column: number
  /** Offsets of each whole attribute (`src="…"`) in the text. */
  spans: ReadonlyMap<string, { start: number; end: number }>
  /** Offset where new attributes go: before the tag's `>` (or `/>`). */
  insertAt: number
}

/** Every start tag named in `names` in raw HTML, as a browser parses it (parse5), with the offsets to edit it in place. */
export function findTags(html: string, names: ReadonlySet<string>): HtmlTag[] {
  const tags: HtmlTag[] = []
  const walk = (node: ParentNode) => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue
      if (names.has(child.tagName)) {
        const tag = toTag(child, html)
        if (tag) tags.push(tag)
      }
      walk(child.tagName === 'template' ? (child as DefaultTreeAdapterMap['template']).content : child)
    }
  }
  walk(parseFragment(html, { sourceCodeLocationInfo: true }))
  return tags
}

function toTag(element: Element, html: string): HtmlTag | undefined {
  const location = element.sourceCodeLocation
  const start = location?.startTag
  if (!location || !start) return undefined
  const closing = html.slice(start.startOffset, start.endOffset).endsWith('/>') ? 2 : 1
  // Keep new attributes clear of a `/` that closes the tag, and of the space before it.
  let insertAt = start.endOffset - closing
  while (insertAt > start.startOffset && /\s/.test(html[insertAt - 1]!)) insertAt--
  const spans = new Map(Object.entries(location.attrs ?? {}).map(([name, at]) => [name, { start: at.startOffset, end: at.endOffset }]))
  return { name: element.tagName, attributes: new Map(element.attrs.map((a) => [a.name, a.value])), line: start.startLine, column: start.startCol, spans, insertAt }
}

/** Apply text edits (each replacing `[start, end)`), given in any order and never overlapping. */
export function applyEdits(text: string, edits: readonly { start: number; end: number; text: string }[]): string {
  let result = text
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end)
  return result
}

/** A point inside a node's text, from its line and column within the text and the node's start. */
export function pointInNode(start: { line: number; column: number } | undefined, line: number, column: number): { line: number; column: number } | undefined {
  if (!start) return undefined
  // Columns past the first line count from the line's start, as the text holds it.
  return { line: start.line + line - 1, column: line === 1 ? start.column + column - 1 : column }
}

/** Text as an attribute value in double quotes. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')
}
