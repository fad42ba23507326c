import type { ResolvedConfig } from '../config.ts'
import type { SiteMap } from '../load/site-map.ts'
import type { RenderedPage, Result } from '../types.ts'
import { findDuplicateUrls } from './duplicate-urls.ts'
import { groupSeries, type Series } from './series.ts'

export type Site = {
  config: ResolvedConfig
  pages: readonly RenderedPage[]
  series: readonly Series[]
  siteMap: SiteMap
}

/** The whole-site stage: what needs every page at once (url clashes, series order). */
export function buildSite(config: ResolvedConfig, pages: readonly RenderedPage[], siteMap: SiteMap): Result<Site> {
  const sorted = [...pages].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  return {
    value: { config, pages: sorted, series: groupSeries(sorted, siteMap), siteMap },
    diagnostics: findDuplicateUrls(sorted),
  }
}
