/** Deeper than any tutorial needs, and far below what makes the parser slow or overflow its stack. */
export const MAX_NESTING = 100

const CONTAINER_MARKER = /^(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))[ \t]?/
const FENCE = /^ {0,3}(`{3,}|~{3,})/

/**
 * Find the first line nested deeper than `limit` blockquote or list levels, before parsing: markdown
 * parsers take quadratic time (or overflow the stack) on thousands of levels. Indentation counts one
 * level per two columns; fenced code is skipped.
 */
export function findExcessiveNesting(markdown: string, limit = MAX_NESTING): { line: number; depth: number } | undefined {
  let fence: string | undefined
  let lineNumber = 0
  for (const line of markdown.split('\n')) {
    lineNumber++
    const opening = FENCE.exec(line)?.[1]
    if (fence) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = undefined
      continue
    }
    if (opening) {
      fence = opening
      continue
    }
    let depth = 0
    let rest = line
    for (;;) {
      const indent = /^[ \t]+/.exec(rest)?.[0]
      if (indent) {
        depth += Math.floor(indent.replace(/\t/g, '    ').length / 2)
        rest = rest.slice(indent.length)
      }
      const marker = CONTAINER_MARKER.exec(rest)?.[0]
      if (!marker) break
      depth++
      rest = rest.slice(marker.length)
      if (depth > limit) return { line: lineNumber, depth }
    }
    if (depth > limit) return { line: lineNumber, depth }
  }
  return undefined
}
