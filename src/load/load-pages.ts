import type { ResolvedConfig } from '../config.ts'
import { createDiagnostic } from '../diagnostics.ts'
import type { Diagnostic, Page, SourceFile } from '../types.ts'
import { parseFrontMatter, type CachedFrontMatter } from './front-matter.ts'
import type { CarriedMap } from '../build-cache.ts'
import { createPage } from './page.ts'
import type { SiteMap, SiteMapNode } from './site-map.ts'

/** The load stage for one post: front matter and site map entry become a page. */
export function loadPage(source: SourceFile, siteMap: SiteMap, config: ResolvedConfig, frontMatterCache?: CarriedMap<CachedFrontMatter>): { value?: Page; diagnostics: Diagnostic[] } {
  const frontMatter = parseFrontMatter(source, frontMatterCache)
  if (!frontMatter.value) return { diagnostics: frontMatter.diagnostics }
  const page = createPage(source, frontMatter.value, siteMap, config.contentDir)
  return { ...page, diagnostics: [...frontMatter.diagnostics, ...page.diagnostics] }
}

/** Site map posts must have a content file; `urls` holds every post's url, drafts included. */
export function findMissingPosts(siteMap: SiteMap, urls: ReadonlySet<string>): Diagnostic[] {
  const missing: Diagnostic[] = []
  const visit = (node: SiteMapNode) => {
    if (node.type === 'post' && !urls.has(node.url)) {
      missing.push(
        createDiagnostic(siteMap.file!, 'error', 'site-map/missing-content', `site map entry "${node.title}" (/${node.url}) has no content file`, node.position, `add a post with \`url: ${node.url.replace(/\/$/, '')}\` in its front matter under content/, or remove the entry`),
      )
    }
    node.children.forEach(visit)
  }
  siteMap.nodes.forEach(visit)
  return missing
}
