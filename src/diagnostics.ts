import type { VFile } from 'vfile'
import type { Diagnostic, Severity } from './types.ts'

type Place = { line: number; column: number }

/** Build a diagnostic; `place` may be omitted when the problem concerns the whole file. */
export function createDiagnostic(
  file: string,
  severity: Severity,
  ruleId: string,
  message: string,
  place?: Place,
  hint?: string,
): Diagnostic {
  return {
    file,
    ...(place ? { line: place.line, column: place.column } : {}),
    severity,
    ruleId,
    message,
    ...(hint ? { hint } : {}),
  }
}

/** Convert the messages unified plugins left on a vfile into berth diagnostics. */
export function diagnosticsFromVFile(file: VFile, relPath: string): Diagnostic[] {
  return file.messages.map((message) => {
    const place = message.place && 'start' in message.place ? message.place.start : message.place
    const diagnostic: Diagnostic = {
      file: relPath,
      severity: message.fatal === true ? 'error' : 'warning',
      ruleId: message.ruleId && message.source ? `${message.source}/${message.ruleId}` : message.ruleId ?? 'markdown/problem',
      message: message.reason,
    }
    if (place?.line) diagnostic.line = place.line
    if (place?.column) diagnostic.column = place.column
    if (message.note) diagnostic.hint = message.note
    return diagnostic
  })
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

/** Stable order: by file, then position, then rule, so output does not depend on build timing. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.message, b.message),
  )
}

/** `content/a.md:12:3: error: message [rule-id]`, then the code frame (if given) and the hint, indented. */
export function formatDiagnostic(d: Diagnostic, displayPath: string = d.file, frame?: string): string {
  const lines = [diagnosticHeading(d, displayPath)]
  if (frame) lines.push(...frame.split('\n').map((line) => `  ${line}`))
  if (d.hint) lines.push(`  hint: ${d.hint}`)
  return lines.join('\n')
}

/** The first line of a formatted diagnostic: where, how bad, what, and the rule. */
export function diagnosticHeading(d: Diagnostic, displayPath: string = d.file): string {
  const where = [displayPath, d.line, d.line ? d.column : undefined].filter((x) => x !== undefined).join(':')
  return `${where}: ${d.severity}: ${d.message} [${d.ruleId}]`
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
