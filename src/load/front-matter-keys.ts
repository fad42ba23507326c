import { distance } from 'fastest-levenshtein'
import { createDiagnostic } from '../diagnostics.ts'
import type { Diagnostic } from '../types.ts'
import type { YamlData } from './yaml-data.ts'

/** The front matter keys berth reads, in the order the README lists them. */
export const FRONT_MATTER_KEYS = ['url', 'layout', 'title', 'date', 'updated', 'description', 'tags', 'draft', 'order', 'tested'] as const

/** How to write each key berth reads, for the hint of an error about it. */
export const FRONT_MATTER_HINTS: Readonly<Record<(typeof FRONT_MATTER_KEYS)[number], string>> = {
  url: 'write the page\'s path, e.g. url: docker/volumes',
  layout: 'name a layout of templates/layouts/, e.g. layout: post',
  title: 'write the title as text; quote it when it holds ": " or starts with a symbol, e.g. title: "Docker: the basics"',
  date: 'write the date as YYYY-MM-DD, e.g. date: 2024-03-15 (a time may follow: 2024-03-15 10:00:00 +0100)',
  updated: 'write the date as YYYY-MM-DD, e.g. updated: 2024-03-15',
  description: 'write one line of text; quote it when it holds ": "',
  tags: 'write the tags as a list, e.g. tags: [docker, compose]',
  draft: 'write draft: true or draft: false',
  order: 'write a number, e.g. order: 2',
  tested: 'write the tools and the versions you ran the tutorial with, quoted: tested: {docker: "27.3", compose: "2.29"}',
}

const USE_TAGS = () => 'berth groups posts by folder and the site map, and labels them with tags: write tags: [ … ]'
const USE_DESCRIPTION = () => 'berth shows description in lists and share cards: write description: …'
const USE_UPDATED = () => 'berth shows the last change from updated: write updated: YYYY-MM-DD'

/** What berth does instead of the keys Jekyll (and other generators) read, as each warning's hint. */
const INSTEAD: Readonly<Record<string, (value: unknown) => string>> = {
  permalink: (value) => {
    const path = typeof value === 'string' ? value.replace(/\.html?$/, '').replace(/^\/+|\/+$/g, '') : ''
    return path && !/[:]/.test(path) ? `berth names a page's address with url: write url: ${path}` : 'berth names a page\'s address with url: write url: section/page'
  },
  categories: USE_TAGS,
  category: USE_TAGS,
  excerpt: USE_DESCRIPTION,
  summary: USE_DESCRIPTION,
  published: () => 'berth leaves a post out with draft: true',
  last_modified_at: USE_UPDATED,
  lastmod: USE_UPDATED,
  weight: () => 'berth orders a series with order: write order: 1',
}

/**
 * A warning for each key that is another generator's habit (Jekyll's `permalink`, `categories`, …) or a
 * misspelling of one of berth's own (`tag`, `titel`): berth would not read it, and the page would silently
 * lack what the author meant. Any other key is the author's own, kept for their templates.
 */
export function unreadKeyWarnings(file: string, value: Record<string, unknown>, yaml: YamlData): Diagnostic[] {
  const known = new Set<string>(FRONT_MATTER_KEYS)
  return Object.keys(value).flatMap((key) => {
    if (known.has(key)) return []
    const meant = Object.hasOwn(INSTEAD, key) ? INSTEAD[key]!(value[key]) : misspelled(key)
    if (meant === undefined) return []
    const rule = key === 'permalink' ? 'front-matter/permalink' : 'front-matter/unread-key'
    return [createDiagnostic(file, 'warning', rule, `front matter key "${key}" is not one berth reads: the page does not use it`, yaml.locate([key]), meant)]
  })
}

/** The hint for a key one or two letters away from a key berth reads (one for short keys, where two is a different word). */
function misspelled(key: string): string | undefined {
  const lower = key.toLowerCase()
  const near = FRONT_MATTER_KEYS.find((known) => lower === known || distance(lower, known) <= (known.length <= 4 ? 1 : 2))
  return near && `did you mean "${near}"? berth reads ${near}: ${FRONT_MATTER_HINTS[near]}`
}
