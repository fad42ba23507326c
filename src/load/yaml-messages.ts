import type { YAMLError } from 'yaml'

/** A YAML mistake in plain words: what is wrong, how to fix it, and the 1-based line it is on. */
export type PlainYamlError = { message: string; hint: string; line: number }

const KEY_VALUE = /^(\s*)([\w.-]+):(?:[ \t]+(.*))?$/
const DEFAULT_HINT = 'check the line against YAML\'s form: key: value, a list as [a, b] or as "- item" lines'

/**
 * The YAML library's first error, reworded for an author who has never read the YAML spec. Only the
 * first: one mistake in YAML derails the parser for the lines after it, and its later errors are echoes.
 * `line` is the error's line in `text`, 1-based; the rewording may move it to where the mistake began
 * (the line a quote was opened on, not the end of the text where it was found missing).
 */
export function plainYamlError(error: YAMLError, text: string, line: number): PlainYamlError {
  const lines = text.split(/\r?\n/)
  const at = (n: number) => lines[n - 1] ?? ''
  const entry = KEY_VALUE.exec(at(line))
  const key = entry?.[2]
  const value = entry?.[3]?.trim() ?? ''
  const fallback = { message: `${firstLine(error.message)} (YAML)`, hint: DEFAULT_HINT, line }

  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { message: 'this line is indented with a tab: YAML indents with spaces only', hint: 'replace the tab with spaces (two per level)', line }
    case 'DUPLICATE_KEY': {
      const first = key === undefined ? -1 : lines.findIndex((text, i) => i < line - 1 && KEY_VALUE.exec(text)?.[2] === key && leading(text) === leading(at(line)))
      const where = first === -1 ? '' : ` (first on line ${first + 1})`
      return { message: `"${key ?? 'this key'}" is set twice${where}`, hint: 'keep one of the two lines', line }
    }
    case 'BAD_SCALAR_START': {
      const start = value.charAt(0)
      return key === undefined
        ? fallback
        : { message: `the value of "${key}" starts with "${start}", which YAML reserves`, hint: `quote the value: ${key}: ${quoted(value)}`, line }
    }
    case 'BAD_ALIAS':
    case 'UNEXPECTED_TOKEN':
      if (key === undefined) return fallback
      if (/^[*&]/.test(value)) {
        return { message: `the value of "${key}" starts with "${value[0]}", which YAML reads as an anchor or alias`, hint: `quote the value: ${key}: ${quoted(value)}`, line }
      }
      return { message: `text follows the end of the value of "${key}" (${value.startsWith('[') || value.startsWith('{') ? 'the closing bracket' : 'the closing quote'} ends it)`, hint: `quote the whole value: ${key}: ${quoted(value)}`, line }
    case 'BAD_INDENT': {
      const bracket = /end with a ([\]}])/.exec(error.message)?.[1]
      if (!bracket) return fallback
      const open = bracket === ']' ? '[' : '{'
      const opened = lastLineBefore(lines, line, (text) => text.includes(open) && !text.includes(bracket))
      const owner = KEY_VALUE.exec(at(opened))?.[2]
      return {
        message: `the ${bracket === ']' ? 'list' : 'mapping'} opened with "${open}"${owner ? ` for "${owner}"` : ''} is never closed`,
        hint: `end it with "${bracket}" on the same line, e.g. ${owner ?? 'tags'}: ${open === '[' ? '[docker, compose]' : '{ name: value }'}`,
        line: opened,
      }
    }
    case 'MISSING_CHAR': {
      const quote = /Missing closing (["'])quote/.exec(error.message)?.[1]
      if (quote) {
        const opened = lastLineBefore(lines, line + 1, (text) => {
          const value = KEY_VALUE.exec(text)?.[3]?.trim()
          return value !== undefined && value.startsWith(quote) && (value.length === 1 || !value.endsWith(quote))
        })
        const owner = KEY_VALUE.exec(at(opened))?.[2]
        return {
          message: `the ${quote === '"' ? 'double' : 'single'} quote that opens the value${owner ? ` of "${owner}"` : ''} is never closed`,
          hint: `end the value with ${quote} on the same line`,
          line: opened,
        }
      }
      return notKeyValue(at(line), line)
    }
    case 'MULTILINE_IMPLICIT_KEY':
      return notKeyValue(at(line), line)
    case 'BLOCK_AS_IMPLICIT_KEY': {
      if (key !== undefined && value.includes(': ')) {
        return { message: `the value of "${key}" holds ": ", which YAML reads as the start of another key`, hint: `quote the value: ${key}: ${quoted(value)}`, line }
      }
      // The line is indented under a key that already has a value on its own line.
      const next = lines.findIndex((text, i) => i >= line && text.trim() !== '')
      const below = next === -1 ? '' : lines[next]!
      if (entry && below && leading(below) > leading(at(line))) {
        const item = below.trimStart().startsWith('- ')
        return {
          message: `line ${next + 1} is indented under "${key}", which already has a value`,
          hint: item ? `indent every "- " item of a list by the same spaces, under a key with nothing after its colon` : `start line ${next + 1} in the same column as "${key}"`,
          line: next + 1,
        }
      }
      if (at(line).trimStart().startsWith('- ')) {
        return { message: 'this list item is indented differently from the items above it', hint: 'indent every "- " item of the list by the same spaces', line }
      }
      return fallback
    }
    default:
      return fallback
  }
}

/** A line YAML could not read as `key: value`: a missing space after the colon, or a line of plain text. */
function notKeyValue(text: string, line: number): PlainYamlError {
  const glued = /^(\s*)([\w.-]+):(\S.*)$/.exec(text)
  if (glued) return { message: `YAML needs a space after the colon in "${text.trim()}"`, hint: `write ${glued[2]}: ${glued[3]}`, line }
  return {
    message: `"${text.trim()}" is not a "key: value" line`,
    hint: 'write it as key: value; if it continues the value above, put that whole value in quotes on one line',
    line,
  }
}

/** The value in quotes YAML reads back as the same text. */
function quoted(value: string): string {
  if (!value.includes('"')) return `"${value}"`
  if (!value.includes("'")) return `'${value}'`
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

function leading(text: string): number {
  return text.length - text.trimStart().length
}

/** The last line at or before `line` (1-based) that `test` accepts, or `line` itself. */
function lastLineBefore(lines: readonly string[], line: number, test: (text: string) => boolean): number {
  for (let n = Math.min(line, lines.length); n >= 1; n--) if (test(lines[n - 1]!)) return n
  return line
}

/** The YAML library's message without its position (berth gives that) or its own code excerpt. */
export function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
