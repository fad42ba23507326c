import { parseFragment, type DefaultTreeAdapterMap } from 'parse5'

type Element = DefaultTreeAdapterMap['element']
type ParentNode = DefaultTreeAdapterMap['parentNode']

/** An `<img>` tag in a piece of raw HTML: its attributes, and where its `src` and its tag end lie in the text. */
export type HtmlImgTag = {
  attributes: ReadonlyMap<string, string>
  /** Line (1-based, within the text) and column of the tag. */
  line: number
  column: number
  /** Offsets of the whole `src="…"` attribute. */
  src?: { start: number; end: number }
  /** Offset where new attributes go: before the tag's `>` (or `/>`). */
  insertAt: number
}

/** Every `<img>` tag in raw HTML as a browser parses it (parse5), with the offsets to edit it in place. */
export function findImgTags(html: string): HtmlImgTag[] {
  const tags: HtmlImgTag[] = []
  const walk = (node: ParentNode) => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue
      if (child.tagName === 'img') {
        const tag = toImgTag(child, html)
        if (tag) tags.push(tag)
      }
      walk(child.tagName === 'template' ? (child as DefaultTreeAdapterMap['template']).content : child)
    }
  }
  walk(parseFragment(html, { sourceCodeLocationInfo: true }))
  return tags
}

function toImgTag(element: Element, html: string): HtmlImgTag | undefined {
  const location = element.sourceCodeLocation?.startTag
  if (!location) return undefined
  const srcAt = element.sourceCodeLocation?.attrs?.src
  const closing = html.slice(location.startOffset, location.endOffset).endsWith('/>') ? 2 : 1
  // Keep new attributes clear of a `/` that closes the tag, and of the space before it.
  let insertAt = location.endOffset - closing
  while (insertAt > location.startOffset && /\s/.test(html[insertAt - 1]!)) insertAt--
  return {
    attributes: new Map(element.attrs.map((a) => [a.name, a.value])),
    line: location.startLine,
    column: location.startCol,
    ...(srcAt ? { src: { start: srcAt.startOffset, end: srcAt.endOffset } } : {}),
    insertAt,
  }
}

/** Apply text edits (each replacing `[start, end)`), given in any order and never overlapping. */
export function applyEdits(text: string, edits: readonly { start: number; end: number; text: string }[]): string {
  let result = text
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end)
  return result
}
