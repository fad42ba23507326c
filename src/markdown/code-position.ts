import type { Code } from 'mdast'

const FENCE = /(`{3,}|~{3,})/

/** A finding inside a code block: offsets into its text, a berth rule id, a message and a hint. */
export type CodeProblem = { from: number; to: number; rule: string; message: string; hint: string }

/**
 * Where a place inside a code block's text is in the markdown file: `line` (0-based, in the block's
 * text) and `character` (0-based, in that line) to the file's 1-based line and column. The block's
 * lines may sit behind a list's indent or a blockquote's `> `: the column counts from the line as the
 * file holds it. `lines` are the file's lines, split once by the caller. Undefined when the block has no
 * position.
 */
export function pointInCode(lines: readonly string[], code: Code, line: number, character: number): { line: number; column: number } | undefined {
  const start = code.position?.start.line
  if (start === undefined) return undefined
  const fenced = FENCE.test(lines[start - 1] ?? '')
  const fileLine = start + (fenced ? 1 : 0) + line
  const written = lines[fileLine - 1] ?? ''
  const text = code.value.split('\n')[line] ?? ''
  const indent = written.endsWith(text) ? written.length - text.length : (code.position?.start.column ?? 1) - 1
  return { line: fileLine, column: indent + character + 1 }
}

/** An offset into a code block's text as the 0-based line and character `pointInCode` takes. */
export function offsetInCode(code: Code, offset: number): { line: number; character: number } {
  const before = code.value.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  return { line: before.split('\n').length - 1, character: offset - lineStart }
}
