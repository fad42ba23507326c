import { readFileSync } from 'node:fs'
import path from 'node:path'
import { codeFrameColumns } from '@babel/code-frame'
import type { Diagnostic } from './types.ts'

/**
 * The code frame of each error: the line it points at with one line either side and a caret under its
 * column, as plain text. Warnings get none, so a long `berth check` stays one line per finding. Each file
 * is read once per reader, and a file that cannot be read (gone since, or not a file) gives no frame.
 */
export function createFrameReader(root: string): (d: Diagnostic) => string | undefined {
  const sources = new Map<string, string | undefined>()
  const read = (file: string) => {
    if (!sources.has(file)) {
      let text: string | undefined
      try {
        text = readFileSync(path.join(root, file), 'utf8')
      } catch {
        text = undefined
      }
      sources.set(file, text)
    }
    return sources.get(file)
  }
  return (d) => {
    if (d.severity !== 'error' || d.line === undefined) return undefined
    const source = read(d.file)
    return source === undefined ? undefined : codeFrame(source, d.line, d.column)
  }
}

/** `source`'s line `line` framed, or undefined when the file has no such line. */
export function codeFrame(source: string, line: number, column?: number): string | undefined {
  if (line < 1 || line > source.split(/\r\n|\r|\n/).length) return undefined
  return codeFrameColumns(source, { start: { line, ...(column !== undefined ? { column } : {}) } }, { linesAbove: 1, linesBelow: 1, highlightCode: false })
}
