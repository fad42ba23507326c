import type { ResolvedConfig } from '../config.ts'
import { createDiagnostic } from '../diagnostics.ts'
import type { Diagnostic, Page, Result } from '../types.ts'
import { loadContent } from './content.ts'
import { parseFrontMatter } from './front-matter.ts'
import { createPage } from './page.ts'
import { loadSiteMap, type SiteMap, type SiteMapNode } from './site-map.ts'

export type LoadedSite = { pages: Page[]; siteMap: SiteMap }

/** The load stage: read every post and the site map, and turn them into pages (drafts only when asked). */
export async function loadPages(config: ResolvedConfig): Promise<Result<LoadedSite>> {
  const [content, siteMap] = await Promise.all([loadContent(config.root, config.contentDir), loadSiteMap(config.root, config.contentDir)])
  const diagnostics: Diagnostic[] = [...content.diagnostics, ...siteMap.diagnostics]
  const pages: Page[] = []
  const draftUrls = new Set<string>()
  for (const source of content.value) {
    const frontMatter = parseFrontMatter(source)
    diagnostics.push(...frontMatter.diagnostics)
    if (!frontMatter.value) continue
    const page = createPage(source, frontMatter.value, siteMap.value, config.contentDir)
    diagnostics.push(...page.diagnostics)
    if (!page.value) continue
    if (page.value.data.draft === true && !config.drafts) draftUrls.add(page.value.url)
    else pages.push(page.value)
  }
  diagnostics.push(...findMissingPosts(siteMap.value, new Set(pages.map((p) => p.url)), draftUrls))
  return { value: { pages, siteMap: siteMap.value }, diagnostics }
}

/** Site map posts must have a content file; drafts count as present. */
function findMissingPosts(siteMap: SiteMap, urls: ReadonlySet<string>, draftUrls: ReadonlySet<string>): Diagnostic[] {
  const missing: Diagnostic[] = []
  const visit = (node: SiteMapNode) => {
    if (node.type === 'post' && !urls.has(node.url) && !draftUrls.has(node.url)) {
      missing.push(
        createDiagnostic(siteMap.file!, 'error', 'site-map/missing-content', `site map entry "${node.title}" (/${node.url}) has no content file`, node.position, `add a post with \`url: ${node.url.replace(/\/$/, '')}\` in its front matter under content/, or remove the entry`),
      )
    }
    node.children.forEach(visit)
  }
  siteMap.nodes.forEach(visit)
  return missing
}
