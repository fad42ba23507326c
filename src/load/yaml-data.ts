import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'
import { firstLine, plainYamlError } from './yaml-messages.ts'

/** Where a value sits in the source text, 1-based. */
export type TextPosition = { line: number; column: number }

export type YamlProblem = { message: string; ruleId: 'invalid-yaml' | 'unsafe-yaml'; position: TextPosition; hint?: string }

export type YamlData = {
  value: unknown
  /** Position of the key (or item) at `path`, falling back to its nearest ancestor. */
  locate: (path: readonly PropertyKey[]) => TextPosition
}

// Far above what a site map or front matter needs, far below what an alias bomb expands to.
const MAX_ALIAS_COUNT = 100

/**
 * Parse YAML (or JSON, which YAML 1.2 contains) as plain data with positions.
 * `lineOffset` is the number of source lines before `text`, so positions count the whole file.
 * Tags that would construct objects or code (`!!js/function`, custom tags) are refused.
 */
export function parseYamlData(text: string, lineOffset = 0): { data?: YamlData; problems: YamlProblem[] } {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, schema: 'core' })
  const at = (offset: number): TextPosition => {
    const { line, col } = lines.linePos(offset)
    return { line: line + lineOffset, column: col }
  }
  const problems: YamlProblem[] = []
  const [error] = doc.errors
  if (error) {
    const { line, col } = lines.linePos(error.pos[0])
    const plain = plainYamlError(error, text, line)
    const position = { line: plain.line + lineOffset, column: plain.line === line ? col : 1 }
    problems.push({ message: plain.message, ruleId: 'invalid-yaml', position, hint: plain.hint })
  }
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      problems.push({
        message: `${firstLine(warning.message)}; berth reads YAML as plain data only`,
        ruleId: 'unsafe-yaml',
        position: at(warning.pos[0]),
        hint: 'remove the tag and write the value as a plain string, number, list or mapping',
      })
    }
  }
  if (problems.length > 0) return { problems }

  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    // An alias with no anchor before it: most often a value that starts with `*` for emphasis.
    const unresolved = error instanceof ReferenceError ? /alias.*?: (.+)$/.exec(error.message)?.[1] : undefined
    if (unresolved !== undefined) {
      const offset = text.indexOf(`*${unresolved}`)
      return {
        problems: [
          {
            message: `"*${unresolved}" is read as a YAML alias, and no anchor "&${unresolved}" comes before it`,
            ruleId: 'invalid-yaml',
            position: at(Math.max(offset, 0)),
            hint: 'quote the value when it starts with "*", e.g. title: "*Bold* claims"',
          },
        ],
      }
    }
    return {
      problems: [
        {
          message: `too many YAML aliases (${error instanceof Error ? firstLine(error.message) : 'alias limit reached'})`,
          ruleId: 'unsafe-yaml',
          position: at(0),
          hint: `use at most ${MAX_ALIAS_COUNT} alias expansions, or write the values out`,
        },
      ],
    }
  }
  const locate = (path: readonly PropertyKey[]): TextPosition => at(findOffset(doc.contents, path))
  return { data: { value, locate }, problems }
}

function findOffset(root: unknown, path: readonly PropertyKey[]): number {
  let node: unknown = root
  let offset = rangeStart(root)
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key))
      if (!pair) break
      offset = rangeStart(pair.key)
      node = pair.value
    } else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
      node = node.items[key]
      offset = rangeStart(node)
    } else {
      break
    }
  }
  return offset
}

function rangeStart(node: unknown): number {
  const range = (node as YamlNode | null)?.range
  return range ? range[0] : 0
}
