import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { openCacheFolder, writeWhole } from '../cache-folder.ts'
import { berthCode } from '../berth-code.ts'
import { digestOf, digestTree } from '../digest-files.ts'
import { checkPageFacts, type PageFacts } from './page-facts.ts'
import type { TemplateEngine } from './templates.ts'

/** Bumped whenever what a key covers or an entry holds changes. */
const FORMAT = 4

/** What the cache tells of a page without reading its HTML. */
export type KnownPage = { digest: string; facts: PageFacts }

/**
 * Rendered pages kept between builds, named by the digest of everything a page's HTML is made from:
 * every template file, berth's render code and version, the layout, and the data the layout sees
 * (`site`, `page` and the post's HTML, by its digest). A page whose digest is unchanged is taken from here instead of
 * rendered. Each page's HTML digest and facts sit in one index beside the entries (`<dir>.json`), so
 * a build learns all it needs of an unchanged page without reading its HTML; the HTML is read only
 * by the stages that need it, and used only when it is whole and has the digest the index gives.
 */
export type PageCache = {
  /**
   * The digest of one page's render: its layout, the data the layout sees, and the digest of the post's
   * HTML it wraps. `site` is the same object for every page of a build and is digested once.
   */
  keyOf(layout: string, data: { site: object; page: object }, bodyDigest: string): string
  /** What the index knows of the page rendered under `key`, if anything. */
  find(key: string): KnownPage | undefined
  /** The page's HTML, if its entry is whole and has `digest`; a page that turns out damaged counts as a miss. */
  read(key: string, digest: string): string | undefined
  set(key: string, html: string, page: KnownPage): void
  /** Save the index and remove every entry this build did not use. */
  save(): void
  stats(): { hits: number; misses: number }
}

export function createPageCache(dir: string, engine: TemplateEngine): PageCache {
  const folder = openCacheFolder(dir, '.html')
  const indexFile = `${dir}.json`
  const salt = createHash('sha256').update(JSON.stringify({ FORMAT, code: berthCode() }))
  for (const root of engine.roots) digestTree(salt, root)
  const templates = salt.digest('hex')
  const siteDigests = new WeakMap<object, string>()
  let index: Record<string, unknown> | undefined
  const used = new Map<string, KnownPage>()
  let hits = 0
  let misses = 0
  return {
    keyOf(layout, { site, page }, bodyDigest) {
      let siteDigest = siteDigests.get(site)
      if (siteDigest === undefined) {
        siteDigest = sha256(templates, JSON.stringify(site))
        siteDigests.set(site, siteDigest)
      }
      return sha256(siteDigest, layout, JSON.stringify(page), bodyDigest)
    },
    find(key) {
      index ??= readIndex(indexFile)
      const known = checkKnownPage(index[key])
      if (known === undefined) misses++
      else {
        hits++
        used.set(key, known)
        folder.keep(key)
      }
      return known
    },
    read(key, digest) {
      const entry = folder.read(key)
      const html = entry === undefined ? undefined : parseEntry(key, entry)
      if (html !== undefined && digestOf(html) === digest) return html
      hits--
      misses++
      return undefined
    },
    set(key, html, page) {
      used.set(key, page)
      folder.write(key, `${key}\n${html.length}\n${html}`)
    },
    save() {
      writeWhole(indexFile, JSON.stringify(Object.fromEntries([...used].sort(([a], [b]) => (a < b ? -1 : 1)))))
      folder.prune()
    },
    stats: () => ({ hits, misses }),
  }
}

function readIndex(file: string): Record<string, unknown> {
  try {
    const index = JSON.parse(readFileSync(file, 'utf8')) as unknown
    return index !== null && typeof index === 'object' && !Array.isArray(index) ? (index as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function checkKnownPage(value: unknown): KnownPage | undefined {
  const known = value as KnownPage | undefined
  const facts = checkPageFacts(known?.facts)
  return typeof known?.digest === 'string' && facts ? { digest: known.digest, facts } : undefined
}

/** The HTML of an entry whose header names its key and the length of what follows. */
function parseEntry(key: string, entry: string): string | undefined {
  if (!entry.startsWith(`${key}\n`)) return undefined
  const lengthEnd = entry.indexOf('\n', key.length + 1)
  if (lengthEnd === -1) return undefined
  const html = entry.slice(lengthEnd + 1)
  return String(html.length) === entry.slice(key.length + 1, lengthEnd) ? html : undefined
}

function sha256(...parts: string[]): string {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part).update('\0')
  return hash.digest('hex')
}
