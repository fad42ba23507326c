import type { z } from 'zod'
import { createDiagnostic } from '../diagnostics.ts'
import type { Diagnostic } from '../types.ts'
import type { YamlData, YamlProblem } from './yaml-data.ts'

/** Turn YAML parse problems into diagnostics under an area such as `front-matter`. */
export function yamlProblemDiagnostics(file: string, area: string, problems: readonly YamlProblem[]): Diagnostic[] {
  return problems.map((p) =>
    createDiagnostic(file, 'error', `${area}/${p.ruleId}`, p.message, p.position, p.hint ?? 'fix the YAML syntax at this line'),
  )
}

/** Turn schema issues into diagnostics pinned to the offending key. */
export function schemaDiagnostics(
  file: string,
  ruleId: string,
  what: string,
  issues: readonly z.core.$ZodIssue[],
  data: YamlData,
  /** How to write each top-level field, for the hint. */
  hints: Readonly<Record<string, string>> = {},
): Diagnostic[] {
  return issues.map((issue) => {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol')
    const name = path.length > 0 ? `${what} field "${path.join('.')}"` : what
    const hint = path.length > 0 && Object.hasOwn(hints, path[0]!) ? hints[path[0]!] : undefined
    return createDiagnostic(file, 'error', ruleId, `${name}: ${describeIssue(issue, valueAt(data.value, path))}`, data.locate(path), hint)
  })
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}, got ${typeName(value)}`
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
  return issue.message
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}

/** A reader's name for a YAML value's type. */
export function typeName(value: unknown): string {
  if (value === null) return 'an empty value'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  return `${typeof value === 'number' ? 'the number' : typeof value === 'boolean' ? 'the boolean' : typeof value} ${String(value)}`
}
