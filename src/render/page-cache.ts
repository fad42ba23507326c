import { createHash } from 'node:crypto'
import { openCacheFolder } from '../cache-folder.ts'
import { berthCodeFingerprint, digestTree } from '../digest-files.ts'
import type { TemplateEngine } from './templates.ts'

/** Bumped whenever what a key covers or an entry holds changes. */
const FORMAT = 1

/**
 * Rendered pages kept between builds, one entry per page named by the digest of everything its HTML
 * is made from: every template file, berth's render code and version, the layout, and the data the
 * layout sees (`site`, `page` and the post's body). A page whose digest is unchanged is taken from
 * here instead of rendered. An entry starts with its key and the digest of its HTML, so a foreign or
 * damaged one is never used.
 */
export type PageCache = {
  /** The digest of one page's render; `site` is the same object for every page of a build and is digested once. */
  keyOf(layout: string, context: { site: object; page: object; content: string }): string
  get(key: string): string | undefined
  set(key: string, html: string): void
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
      const html = entry === undefined ? undefined : checked(key, entry)
      if (html === undefined) misses++
      else hits++
      return html
    },
    set: (key, html) => folder.write(key, `${key}\n${sha256(html)}\n${html}`),
    prune: () => folder.prune(),
    stats: () => ({ hits, misses }),
  }
}

/** The HTML of an entry whose header names its key and the digest of what follows. */
function checked(key: string, entry: string): string | undefined {
  const first = entry.indexOf('\n')
  const second = entry.indexOf('\n', first + 1)
  if (first === -1 || second === -1 || entry.slice(0, first) !== key) return undefined
  const html = entry.slice(second + 1)
  return entry.slice(first + 1, second) === sha256(html) ? html : undefined
}

function sha256(...parts: string[]): string {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part).update('\0')
  return hash.digest('hex')
}
