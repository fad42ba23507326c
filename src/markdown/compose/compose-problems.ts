import type { ErrorObject } from 'ajv'
import { closest, distance } from 'fastest-levenshtein'
import { type Document, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml'
import type { CodeProblem } from '../code-position.ts'
import { composeTopLevelKeys, validateCompose } from './compose-schema.ts'

const FRAGMENT_HINT = 'or mark a partial file as ```yaml title="compose.yaml" fragment'

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list (- item)',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
}

/**
 * What the Compose Specification's schema says about a parsed Compose file, one problem per mistake:
 * Ajv reports every branch of a `oneOf` that failed (`build` is a string *or* a mapping), so a
 * branch's type mismatch gives way to what went wrong inside the branch that fits, and the remaining
 * type mismatches at one key merge into one ("must be a mapping or a list").
 */
export function composeProblems(document: Document): CodeProblem[] {
  const value: unknown = document.toJS()
  const problems: CodeProblem[] = []
  const version = isMap(document.contents) ? pairAt(document.contents, 'version') : undefined
  if (version) {
    problems.push({
      ...rangeOf(version.key),
      rule: 'compose/obsolete-version',
      message: 'Compose: the top-level version is obsolete; Docker Compose ignores it and warns on every run',
      hint: 'remove the version line: Compose reads every file by the current specification',
    })
  }
  if (value === null || typeof value !== 'object') {
    return [...problems, { ...rangeOf(document.contents), rule: 'compose/wrong-type', message: 'Compose: a Compose file must be a mapping with services:', hint: FRAGMENT_HINT.replace(/^or m/, 'M') }]
  }
  const errors = meaningful(validateCompose(value))
  const types = new Map<string, string[]>()
  for (const error of errors) {
    if (error.keyword !== 'type') continue
    types.set(error.instancePath, [...(types.get(error.instancePath) ?? []), String(error.params.type)])
  }
  const reported = new Set<string>()
  for (const error of errors) {
    const segments = pointerSegments(error.instancePath)
    const where = keyPath(segments)
    const found = locate(document, segments)
    if (error.keyword === 'type') {
      if (reported.has(error.instancePath)) continue
      reported.add(error.instancePath)
      const wanted = types.get(error.instancePath)!.map((type) => TYPE_WORDS[type] ?? type).join(' or ')
      problems.push({ ...rangeOf(valueOrKey(found)), rule: 'compose/wrong-type', message: `Compose: ${where} must be ${wanted}`, hint: `write ${where} as ${wanted}, as the Compose Specification defines it; ${FRAGMENT_HINT}` })
    } else if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty)
      const map = found?.value
      const pair = isMap(map) ? pairAt(map, key) : undefined
      problems.push({ ...rangeOf(pair?.key ?? map), rule: 'compose/unknown-key', message: `Compose: ${where || 'the top level'} has no key "${key}"`, hint: unknownKeyHint(key, error.parentSchema) })
    } else if (error.keyword === 'required') {
      const key = String(error.params.missingProperty)
      problems.push({ ...rangeOf(found?.key ?? found?.value), rule: 'compose/missing-key', message: `Compose: ${where || 'the file'} needs a "${key}" key`, hint: `add ${key}: under ${where || 'the top level'}; ${FRAGMENT_HINT}` })
    } else {
      const allowed = error.keyword === 'enum' && Array.isArray(error.params.allowedValues) ? `: ${error.params.allowedValues.join(', ')}` : ''
      problems.push({ ...rangeOf(valueOrKey(found)), rule: 'compose/invalid-value', message: `Compose: ${where} ${error.message ?? 'is not valid'}${allowed}`, hint: `see ${where} in the Compose file reference (docs.docker.com/reference/compose-file); ${FRAGMENT_HINT}` })
    }
  }
  return problems.sort((a, b) => a.from - b.from)
}

/**
 * Whether a YAML document with no Compose title or fence is a whole Compose file, as most tutorials
 * write them (```` ```yaml ````): every top-level key is one of Compose's (or an `x-` key), and
 * `services` maps names to mappings. GitLab CI's and Travis's `services:` are lists, and a CI file
 * that also has `steps:` or `jobs:` is not Compose, so neither is ever checked against its schema.
 */
export function isWholeComposeFile(document: Document): boolean {
  const top = document.contents
  if (!isMap(top)) return false
  const known = composeTopLevelKeys()
  const keys = top.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''))
  if (!keys.every((key) => known.has(key) || key.startsWith('x-'))) return false
  const services = pairAt(top, 'services')?.value
  return isMap(services) && services.items.length > 0 && services.items.every((service) => isMap(service.value))
}

/** Drop the summaries (`oneOf`, `anyOf`, …) and the type mismatches of branches that lost to a deeper error. */
function meaningful(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((error) => !['oneOf', 'anyOf', 'if', 'then', 'else', 'not'].includes(error.keyword))
  const kept = specific.length > 0 ? specific : errors
  return kept.filter((error) => error.keyword !== 'type' || !kept.some((other) => other.keyword !== 'type' && within(other.instancePath, error.instancePath)))
}

function within(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`)
}

function unknownKeyHint(key: string, parentSchema: unknown): string {
  const schema = (parentSchema ?? {}) as { properties?: Record<string, unknown>; patternProperties?: Record<string, unknown> }
  const known = Object.keys(schema.properties ?? {})
  const named = Object.keys(schema.patternProperties ?? {}).filter((pattern) => pattern !== '^x-')
  if (known.length === 0 && named.length > 0) return `names here may use only letters, digits, ".", "_" and "-"; ${FRAGMENT_HINT}`
  const near = known.length > 0 ? closest(key, known) : undefined
  const suggestion = near !== undefined && distance(key, near) <= Math.max(2, Math.floor(key.length / 3)) ? `did you mean "${near}"? ` : ''
  return `${suggestion}keys of your own start with x-; ${FRAGMENT_HINT}`
}

/** An Ajv instance path (`/services/web/ports/0`) as its keys. */
function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** Keys as an author reads them: `services.web.ports[0]`. */
function keyPath(segments: readonly string[]): string {
  return segments.map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : `${index > 0 ? '.' : ''}${segment}`)).join('')
}

/** The node at a path in the document, and the key it sits under (none for list items and the root). */
function locate(document: Document, segments: readonly string[]): { key?: Node; value?: Node } | undefined {
  let value = document.contents ?? undefined
  let key: Node | undefined
  for (const segment of segments) {
    if (isMap(value)) {
      const pair = pairAt(value, segment)
      if (!pair) return undefined
      key = pair.key as Node
      value = (pair.value ?? undefined) as Node | undefined
    } else if (isSeq(value)) {
      key = undefined
      value = value.items[Number(segment)] as Node | undefined
    } else {
      return undefined
    }
  }
  return { ...(key ? { key } : {}), ...(value ? { value } : {}) }
}

function pairAt(map: { items: Pair[] }, key: string): (Pair & { key: Node }) | undefined {
  return map.items.find((pair): pair is Pair & { key: Node } => isScalar(pair.key) && String(pair.key.value) === key)
}

/** A node's span in the block's text (the start of the block when the node is not found). */
function rangeOf(node: unknown): { from: number; to: number } {
  const range = (node as Node | undefined)?.range
  return range ? { from: range[0], to: range[1] } : { from: 0, to: 0 }
}

/** Where to point at a value: at its key when the value is empty (`cache:` with nothing after it). */
function valueOrKey(found: { key?: Node; value?: Node } | undefined): Node | undefined {
  const empty = isScalar(found?.value) && found.value.value === null && found.value.range?.[0] === found.value.range?.[1]
  return (empty ? found?.key : found?.value) ?? found?.key
}
