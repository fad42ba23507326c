import { createHash } from 'node:crypto'
import type { CarriedMap, KnownPage } from '../build-cache.ts'
import { digestTree } from '../digest-files.ts'
import type { PublishedCopies } from '../write/output-manifest.ts'
import type { TemplateEngine } from './templates.ts'

/**
 * How the render stage reuses the last build's pages: a page whose render key (its layout, the data the
 * layout sees, the post's HTML by digest, every template, berth's code) is the one the cache knows is
 * not rendered again, and its HTML is the published copy's, read only by a stage that needs the bytes.
 */
export type PageReuse = {
  /** The key of one page's render. `site` is the same object for every page of a build and is digested once. */
  keyOf(layout: string, data: { site: object; page: object }, bodyDigest: string): string
  pages: CarriedMap<KnownPage>
  /** The published copy's HTML, if the writer left it with this digest and it is untouched since. */
  published(outputPath: string, digest: string): (() => Uint8Array | undefined) | undefined
}

/** Page reuse against the published copies `published` vouches for (see output-manifest.ts). */
export function createPageReuse(salt: string, engine: TemplateEngine, pages: CarriedMap<KnownPage>, published: PublishedCopies): PageReuse {
  const templates = createHash('sha256').update(salt)
  for (const root of engine.roots) digestTree(templates, root)
  const templatesDigest = templates.digest('hex')
  const siteDigests = new WeakMap<object, string>()
  return {
    keyOf(layout, { site, page }, bodyDigest) {
      let siteDigest = siteDigests.get(site)
      if (siteDigest === undefined) {
        siteDigest = sha256(templatesDigest, JSON.stringify(site))
        siteDigests.set(site, siteDigest)
      }
      return sha256(siteDigest, layout, JSON.stringify(page), bodyDigest)
    },
    pages,
    published,
  }
}

function sha256(...parts: string[]): string {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part).update('\0')
  return hash.digest('hex')
}
