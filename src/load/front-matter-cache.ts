import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { writeWhole } from '../cache-folder.ts'
import type { ParsedFrontMatter } from './front-matter.ts'

/** Bumped whenever what an entry holds changes. */
const FORMAT = 1

/** A parsed front matter block: its data and key positions, and how much of the file it takes up. */
export type CachedFrontMatter = Pick<ParsedFrontMatter, 'data' | 'keyPositions'> & { consumed: number }

/**
 * Parsed front matter kept between builds in one small file, keyed by a digest of the block's exact
 * text (from the opening `---` to the end of the closing one): a post whose front matter did not change
 * skips gray-matter and the YAML parser. Blocks with problems are never kept. Each `get` returns fresh
 * objects, so two posts never share one.
 */
export type FrontMatterCache = {
  get(block: string): CachedFrontMatter | undefined
  set(block: string, value: CachedFrontMatter): void
  /** Write the entries this build used, and only them, when they differ from what was read. */
  save(): void
}

type Saved = { format: number; code: string; entries: Record<string, string> }

export function openFrontMatterCache(file: string, code: string): FrontMatterCache {
  const stored = readSaved(file, code)
  const used: Record<string, string> = {}
  let changed = false
  const keyOf = (block: string) => createHash('sha256').update(block).digest('base64url')
  return {
    get(block) {
      const key = keyOf(block)
      const entry = stored[key]
      if (entry === undefined) return undefined
      used[key] = entry
      try {
        return JSON.parse(entry) as CachedFrontMatter
      } catch {
        return undefined
      }
    },
    set(block, value) {
      used[keyOf(block)] = JSON.stringify(value)
      changed = true
    },
    save() {
      if (!changed && Object.keys(used).length === Object.keys(stored).length) return
      writeWhole(file, JSON.stringify({ format: FORMAT, code, entries: used } satisfies Saved))
    },
  }
}

function readSaved(file: string, code: string): Record<string, string> {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Saved
    if (saved?.format !== FORMAT || saved.code !== code || !saved.entries || typeof saved.entries !== 'object') return {}
    return Object.fromEntries(Object.entries(saved.entries).filter(([, entry]) => typeof entry === 'string'))
  } catch {
    return {}
  }
}
