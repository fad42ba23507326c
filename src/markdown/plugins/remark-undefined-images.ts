import type { Root } from 'mdast'
import { visit } from '../visit-tree.ts'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { reportError } from '../report.ts'

// `![alt][label]`, `![alt][]` or `![alt]` left as text, not preceded by a backslash escape.
const LEFTOVER_IMAGE = /(?<!\\)!\[((?:[^\]\\\n]|\\.)*)\](?:\[([^\]\n]*)\]|(\())?/g

/**
 * CommonMark prints an image reference with no matching definition as literal text (`![a][b]`).
 * Report each one as an error at its position instead, since it is almost always a typo.
 */
export default function remarkUndefinedImages() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value)
    const place = location(file)
    visit(tree, 'text', (node) => {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined) return
      for (const match of source.slice(start, end).matchAll(LEFTOVER_IMAGE)) {
        const point = place.toPoint(start + match.index)
        const at = point ? { position: { start: point, end: point } } : undefined
        if (match[3]) {
          reportError(file, at, 'image/invalid-syntax', `"${match[0]}…" is not read as an image`, 'wrap a destination that holds spaces in <…>, e.g. ![alt](<my image.png>)')
          continue
        }
        const label = match[2] || match[1]
        reportError(file, at, 'image/undefined-reference', `image reference "[${label}]" has no definition`, `add a line \`[${label}]: /assets/images/…\` at the end of the post, or escape the "!" if this is text`)
      }
    })
  }
}
