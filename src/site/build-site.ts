import type { PostResult } from '../compile-post.ts'
import type { ResolvedConfig } from '../config.ts'
import { findMissingPosts } from '../load/load-pages.ts'
import type { SiteMap } from '../load/site-map.ts'
import type { Diagnostic, OutputFile, RenderedPage, Result } from '../types.ts'
import { findDuplicateUrls } from './duplicate-urls.ts'
import { resolvePostLinks } from './post-links.ts'
import type { SiteMemo } from './site-memo.ts'
import { buildCollections, type Collection } from './collections.ts'
import { folderIndexes, groupSeries, type Series } from './series.ts'
import { collectTags, type Tag } from './tags.ts'
import { outdatedWarnings } from './tested-notices.ts'

export type Site = {
  config: ResolvedConfig
  pages: readonly RenderedPage[]
  series: readonly Series[]
  /** Sections and series at every depth, outermost first. */
  collections: readonly Collection[]
  tags: readonly Tag[]
  siteMap: SiteMap
  /** Files beside the posts that posts link to (`compose.yaml`, `slides.pdf`), published where they lie. */
  linkedFiles: readonly OutputFile[]
}

/** The whole-site stage: what needs every page at once (links to `.md` sources, url clashes, site map coverage, series order). */
export function buildSite(siteConfig: ResolvedConfig, posts: readonly PostResult[], siteMap: SiteMap, memo?: SiteMemo): Result<Site> {
  // A repository's README titles the site it becomes, unless the config names it.
  const home = siteConfig.untitled ? posts.find((post) => post.page?.url === '')?.page : undefined
  const config = home ? { ...siteConfig, title: home.title } : siteConfig
  const rendered = posts.flatMap((post) => (post.page ? [post.page] : [])).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  const { value: linked, diagnostics: linkDiagnostics } = resolvePostLinks(rendered, config, config.base, memo)
  const pages = linked.pages
  const urls = new Set(posts.flatMap((post) => (post.url !== undefined ? [post.url] : [])))
  const diagnostics: Diagnostic[] = [...linkDiagnostics, ...findDuplicateUrls(pages), ...(siteMap.file ? findMissingPosts(siteMap, urls) : []), ...outdatedWarnings(pages, config)]
  const series = groupSeries(pages, siteMap)
  return { value: { config, pages, series, collections: buildCollections(series, siteMap, folderIndexes(pages)), tags: collectTags(pages), siteMap, linkedFiles: linked.files }, diagnostics }
}
