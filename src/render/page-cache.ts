import { createHash } from 'node:crypto'
import { openCacheFolder } from '../cache-folder.ts'
import { berthCodeFingerprint, digestTree } from '../digest-files.ts'
import type { TemplateEngine } from './templates.ts'

/** Bumped whenever what a key covers or an entry holds changes. */
const FORMAT = 2

/**
 * Rendered pages kept between builds, one entry per page named by the digest of everything its HTML
 * is made from: every template file, berth's render code and version, the layout, and the data the
 * layout sees (`site`, `page` and the post's body). A page whose digest is unchanged is taken from
 * here instead of rendered. An entry starts with its key, the length of its HTML and the HTML's digest
 * (which later stages reuse), so a foreign or cut-off entry is never used.
 */
export type PageCache = {
  /** The digest of one page's render; `site` is the same object for every page of a build and is digested once. */
  keyOf(layout: string, context: { site: object; page: object; content: string }): string
  get(key: string): { html: string; digest: string } | undefined
  set(key: string, html: string, digest: string): void
  /** Remove every entry this build did not use. */
  prune(): void
  stats(): { hits: number; misses: number }
}

export function createPageCache(dir: string, engine: TemplateEngine): PageCache {
  const folder = openCacheFolder(dir, '.html')
  const salt = createHash('sha256').update(JSON.stringify({ FORMAT, code: berthCodeFingerprint('src/render') }))
  for (const root of engine.roots) digestTree(salt, root)
  const templates = salt.digest('hex')
  const siteDigests = new WeakMap<object, string>()
  let hits = 0
  let misses = 0
  return {
    keyOf(layout, { site, page, content }) {
      let siteDigest = siteDigests.get(site)
      if (siteDigest === undefined) {
        siteDigest = sha256(templates, JSON.stringify(site))
        siteDigests.set(site, siteDigest)
      }
      return sha256(siteDigest, layout, JSON.stringify(page), content)
    },
    get(key) {
      const entry = folder.read(key)
      const page = entry === undefined ? undefined : parseEntry(key, entry)
      if (page === undefined) misses++
      else hits++
      return page
    },
    set: (key, html, digest) => folder.write(key, `${key}\n${html.length}\n${digest}\n${html}`),
    prune: () => folder.prune(),
    stats: () => ({ hits, misses }),
  }
}

/** The page of an entry whose header names its key and the length of what follows. */
function parseEntry(key: string, entry: string): { html: string; digest: string } | undefined {
  if (!entry.startsWith(`${key}\n`)) return undefined
  const lengthEnd = entry.indexOf('\n', key.length + 1)
  const digestEnd = lengthEnd === -1 ? -1 : entry.indexOf('\n', lengthEnd + 1)
  if (digestEnd === -1) return undefined
  const html = entry.slice(digestEnd + 1)
  return String(html.length) === entry.slice(key.length + 1, lengthEnd) ? { html, digest: entry.slice(lengthEnd + 1, digestEnd) } : undefined
}

function sha256(...parts: string[]): string {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part).update('\0')
  return hash.digest('hex')
}
