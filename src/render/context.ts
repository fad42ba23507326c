import type { ResolvedConfig } from '../config.ts'
import { formatDisplayDate } from '../load/dates.ts'
import { absoluteUrl, withBase } from '../paths.ts'
import { createShareData, type ShareData } from './share.ts'
import type { Site } from '../site/build-site.ts'
import type { Series } from '../site/series.ts'
import type { RenderedPage, TocEntry } from '../types.ts'

/** What every template sees as `site`: config values and the series, never file paths. */
export type SiteContext = {
  /** The Atom feed's url (base path included). */
  feed: string
  title: string
  description: string
  language: string
  base: string
  url: string
  series: SeriesContext[]
}

export type SeriesContext = { title: string; url: string; trail: string[]; description: string; posts: PostSummary[] }

export type PostSummary = { title: string; url: string; date: string; dateDisplay: string; description: string }

/** What a template sees as `page`. */
export type PageContext = PostSummary & {
  layout: string
  tags: string[]
  toc: TocEntry[]
  draft: boolean
  series?: { title: string; url: string }
  /** Canonical url, share card image and JSON-LD; absolute when the site url is set. */
  share?: ShareData
  canonical: string
}

export function createSiteContext(site: Site): SiteContext {
  const { config } = site
  let series: SeriesContext[] | undefined
  return {
    feed: withBase(config.base, 'feed.xml'),
    title: config.title,
    description: config.description,
    language: config.language,
    base: config.base,
    url: config.siteUrl ?? '',
    // Listing every post costs time on large sites; only templates that show the list pay for it.
    get series() {
      return (series ??= site.series.map((s) => seriesContext(s, config)))
    },
  }
}

export function createPageContext(page: RenderedPage, config: ResolvedConfig, series?: Series): PageContext {
  const summary = summarize(page, config)
  const share = createShareData(page, config, summary.description)
  return {
    ...summary,
    share,
    canonical: share.canonical,
    layout: page.layout,
    tags: page.tags,
    toc: page.toc,
    draft: page.data.draft === true,
    ...(series ? { series: { title: series.title, url: withBase(config.base, series.url) } } : {}),
  }
}

/** Context for pages berth makes itself (home, 404), which have no markdown source. */
export function createGeneratedPageContext(title: string, url: string, description: string, layout: string, config: ResolvedConfig): PageContext {
  return { title, url: withBase(config.base, url), date: '', dateDisplay: '', description, layout, tags: [], toc: [], draft: false, canonical: absoluteUrl(config.siteUrl, config.base, url) }
}

function seriesContext(series: Series, config: ResolvedConfig): SeriesContext {
  return {
    title: series.title,
    url: withBase(config.base, series.url),
    trail: series.trail,
    description: series.description ?? '',
    posts: series.pages.map((page) => summarize(page, config)),
  }
}

function summarize(page: RenderedPage, config: ResolvedConfig): PostSummary {
  return {
    title: page.title,
    url: withBase(config.base, page.url),
    date: page.date?.slice(0, 10) ?? '',
    dateDisplay: page.date ? formatDisplayDate(page.date) : '',
    description: page.data.description ?? page.excerpt,
  }
}
