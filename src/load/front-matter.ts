import matter from 'gray-matter'
import { z } from 'zod'
import { createDiagnostic } from '../diagnostics.ts'
import type { Diagnostic, FrontMatter, SourceFile } from '../types.ts'
import { isoDateSchema } from './dates.ts'
import { testedVersionsSchema } from './tested-with.ts'
import { schemaDiagnostics, typeName, yamlProblemDiagnostics } from './schema-diagnostics.ts'
import { createHash } from 'node:crypto'
import type { CarriedMap } from '../build-cache.ts'
import { parseYamlData, type TextPosition } from './yaml-data.ts'
import { FRONT_MATTER_HINTS, unreadKeyWarnings } from './front-matter-keys.ts'

/** The fields berth reads; other keys are kept for templates (front-matter-keys.ts warns about other generators' keys and typos). */
export const frontMatterSchema = z.looseObject({
  url: z.string().optional(),
  layout: z.string().min(1).optional(),
  title: z.string().optional(),
  date: isoDateSchema.optional(),
  updated: isoDateSchema.optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  draft: z.boolean().optional(),
  order: z.number().optional(),
  tested: testedVersionsSchema.optional(),
})

/** A parsed front matter block as the cache keeps it: its data and key positions, and how much of the file it takes up. */
export type CachedFrontMatter = Pick<ParsedFrontMatter, 'data' | 'keyPositions'> & { consumed: number }

export type ParsedFrontMatter = {
  data: FrontMatter
  /** The markdown after the front matter, preceded by one blank line per front matter line. */
  body: string
  keyPositions: Partial<Record<keyof FrontMatter, TextPosition>>
}

const RULE = 'front-matter'

// gray-matter would `eval` these; front matter is data, never code.
const refuseCode = (): never => {
  throw new Error('code front matter is disabled')
}

/**
 * Split and validate a source file's front matter (YAML only, never code). With a cache, a block seen
 * before is taken from it; gray-matter's own in-memory cache stays off.
 */
export function parseFrontMatter(source: SourceFile, cache?: CarriedMap<CachedFrontMatter>): { value?: ParsedFrontMatter; diagnostics: Diagnostic[] } {
  const file = source.relPath
  if (!source.raw.startsWith('---')) return { value: { data: {}, body: source.raw, keyPositions: {} }, diagnostics: [] }

  const language = matter.language(source.raw.slice(3)).name
  if (language !== '' && language !== 'yaml' && language !== 'yml') {
    return fail(
      createDiagnostic(file, 'error', `${RULE}/unsupported-language`, `front matter in "${language}" is not supported`, { line: 1, column: 4 }, 'berth reads YAML front matter only: start the file with a plain `---` line'),
    )
  }
  const closing = /\n---[ \t]*(?:\n|$)/.exec(source.raw.slice(3))
  if (!closing) {
    return fail(createDiagnostic(file, 'error', `${RULE}/unclosed`, 'front matter is not closed', { line: 1, column: 1 }, 'end the front matter with a line holding only `---`'))
  }

  const block = source.raw.slice(0, 3 + closing.index + closing[0].length)
  const key = cache && createHash('sha256').update(block).digest('base64url')
  const hit = key === undefined ? undefined : cache!.get(key)
  // A copy: two posts with the same block never share one object.
  const cached = hit && structuredClone(hit)
  if (cached) return { value: { data: cached.data, body: bodyAfter(source.raw, cached.consumed), keyPositions: cached.keyPositions }, diagnostics: [] }

  // Passing options turns gray-matter's cache off, so every parse returns fresh objects.
  const split = matter(source.raw, {
    language: 'yaml',
    engines: { yaml: () => ({}), js: refuseCode, javascript: refuseCode },
  })
  const consumed = source.raw.length - split.content.length

  const { data: yaml, problems } = parseYamlData(split.matter)
  if (!yaml) return fail(...yamlProblemDiagnostics(file, RULE, problems))
  const value = yaml.value ?? {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    return fail(
      createDiagnostic(file, 'error', `${RULE}/not-a-mapping`, `front matter must be a mapping of keys to values, not ${typeName(value)}`, { line: 2, column: 1 }, 'write it as `key: value` lines, e.g. `layout: post`'),
    )
  }
  const fields = value as Record<string, unknown>
  const diagnostics = unreadKeyWarnings(file, fields, yaml)
  let parsed = frontMatterSchema.safeParse(fields)
  if (!parsed.success) {
    diagnostics.push(...schemaDiagnostics(file, `${RULE}/invalid-field`, 'front matter', parsed.error.issues, yaml, FRONT_MATTER_HINTS))
    // One mistake, one error: the post goes on without the bad fields, so nothing that links to it breaks as well.
    const bad = new Set(parsed.error.issues.map((issue) => issue.path[0]))
    parsed = frontMatterSchema.safeParse(Object.fromEntries(Object.entries(fields).filter(([name]) => !bad.has(name))))
    if (!parsed.success) return fail(...diagnostics)
  }

  const keyPositions: ParsedFrontMatter['keyPositions'] = {}
  for (const key of Object.keys(parsed.data) as (keyof FrontMatter)[]) keyPositions[key] = yaml.locate([key])
  // What gray-matter consumed is decided by the block alone, so the block can stand for it; a block with problems is
  // not kept, so that each file that has it hears of them.
  if (consumed <= block.length && key !== undefined && diagnostics.length === 0) cache!.set(key, structuredClone({ data: parsed.data as FrontMatter, keyPositions, consumed }))
  return { value: { data: parsed.data as FrontMatter, body: bodyAfter(source.raw, consumed), keyPositions }, diagnostics }
}

/** The markdown after the front matter, preceded by one blank line per front matter line, so lines keep their numbers. */
function bodyAfter(raw: string, consumed: number): string {
  return '\n'.repeat(countNewlines(raw.slice(0, consumed))) + raw.slice(consumed)
}

function fail(...diagnostics: Diagnostic[]): { diagnostics: Diagnostic[] } {
  return { diagnostics }
}

function countNewlines(text: string): number {
  let count = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++
  return count
}
