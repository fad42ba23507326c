import type { ResolvedConfig } from '../config.ts'
import { formatDisplayDate, newestFirst } from '../load/dates.ts'
import { absoluteUrl, namesHost, withBase } from '../paths.ts'
import type { Site } from '../site/build-site.ts'
import { positionInSeries, topCollections, type Collection, type Crumb } from '../site/collections.ts'
import type { Series } from '../site/series.ts'
import { tagUrl, type Tag } from '../site/tags.ts'
import type { RenderedPage, TocEntry } from '../types.ts'
import { type TestedNotice, testedNotice } from '../site/tested-notices.ts'
import { twinPath } from '../site/markdown-twins.ts'
import { createShareData, type ShareData } from './share.ts'

/** Reading speed for the reading time, words a minute. */
const WORDS_PER_MINUTE = 200
/** How many of a series' posts the home page shows, its first in reading order (and its newest, for themes that list those). */
const SHOWN_ON_HOME = 3

/** What every template sees as `site`: config values, sections, series and tags, never file paths. */
export type SiteContext = {
  /** The Atom feed's url (base path included). */
  feed: string
  title: string
  description: string
  language: string
  base: string
  url: string
  /** Every series, in the site map's order, with all its posts. */
  series: SeriesContext[]
  /** The top-level sections and series, for the header's navigation. */
  nav: LinkContext[]
  /** The extra stylesheets the config names (`css`), base path applied to the site's own. */
  css: string[]
  /** Top-level sections (and series), each with its series and their newest posts, for the home page. */
  sections: SectionContext[]
  /** Posts the site map pins, shown first on the home page. */
  pinned: PostSummary[]
  tags: TagLink[]
  /** Whether the site has full-text search (config `search`). */
  search: boolean
}

export type TagLink = { name: string; url: string; count: number }
export type SeriesContext = {
  title: string
  url: string
  trail: string[]
  description: string
  count: number
  /** Every post, in reading order. */
  posts: PostSummary[]
  /** The first few posts in reading order, where a reader starts (the home page lists these). */
  first: PostSummary[]
  /** The newest few posts. */
  latest: PostSummary[]
}
export type SectionContext = { title: string; url: string; description: string; kind: 'section' | 'series'; series: SeriesContext[] }
export type PostSummary = { title: string; url: string; date: string; dateDisplay: string; description: string; readingMinutes: number }
export type LinkContext = { title: string; url: string }

/** What a template sees as `page`. */
export type PageContext = PostSummary & {
  layout: string
  /** The id the post's `<h1>` keeps from its leading `#` heading, or ``. */
  titleId?: string
  tags: TagLink[]
  toc: TocEntry[]
  draft: boolean
  updated: string
  updatedDisplay: string
  /** From the outermost section down to the page itself (which has no url). */
  breadcrumbs: LinkContext[]
  series?: LinkContext & { position: number; total: number }
  previous?: LinkContext
  next?: LinkContext
  /** On a section or series index page: what it holds. */
  collection?: { kind: 'section' | 'series'; collections: (LinkContext & { description: string; count: number })[]; posts: PostSummary[] }
  /** On a tag page: its posts. */
  tag?: { name: string; posts: PostSummary[] }
  /** Canonical url, share card image and JSON-LD; absolute when the site url is set. */
  share?: ShareData
  canonical: string
  /** The post as markdown (`…/index.md`), for `<link rel="alternate">` and the "Copy page as markdown" button; posts only. */
  markdownUrl?: string
  /** The versions the post was tested with, and those the site's `tested.current` finds outdated. */
  tested?: TestedNotice
  /** The post's front matter as written, so a template can read a key of the author's own (`page.data.hero`). */
  data: Readonly<Record<string, unknown>>
}

export function createSiteContext(site: Site): SiteContext {
  const { config } = site
  const memo = <T>(make: () => T) => {
    let value: T | undefined
    return () => (value ??= make())
  }
  // Listing every post costs time on large sites; only templates that show the lists pay for them.
  const series = memo(() => site.series.filter((s) => s.url !== '').map((s) => seriesContext(s, config)))
  const sections = memo(() => sectionContexts(site, config))
  const pinned = memo(() => site.pages.filter((p) => site.siteMap.byUrl.get(p.url)?.pinned).map((p) => summarize(p, config)))
  const tags = memo(() => site.tags.map((t) => tagLink(t, config)))
  const nav = topCollections(site.collections).map((c) => ({ title: c.title, url: withBase(config.base, c.url) }))
  return {
    feed: withBase(config.base, 'feed.xml'),
    title: config.title,
    description: config.description,
    language: config.language,
    base: config.base,
    url: config.siteUrl ?? '',
    search: config.search,
    nav,
    css: config.css.map((href) => (namesHost(href) ? href : withBase(config.base, href))),
    get series() {
      return series()
    },
    get sections() {
      return sections()
    },
    get pinned() {
      return pinned()
    },
    get tags() {
      return tags()
    },
  }
}

export function createPageContext(page: RenderedPage, config: ResolvedConfig, series: Series | undefined, collections: ReadonlyMap<string, Collection>): PageContext {
  const summary = summarize(page, config)
  const share = createShareData(page, config, summary.description)
  const position = positionInSeries(page, series)
  const home = series ? collections.get(series.url) : undefined
  const own = page.url === '' ? undefined : collections.get(page.url)
  const trail: Crumb[] = home ? [...home.trail, { title: home.title, url: home.url }] : []
  const link = (p: RenderedPage): LinkContext => ({ title: p.title, url: withBase(config.base, p.url) })
  return {
    ...summary,
    share,
    canonical: share.canonical,
    layout: page.layout,
    titleId: page.titleId ?? '',
    tags: page.tags.map((name) => ({ name, url: withBase(config.base, tagUrl(name)), count: 0 })),
    toc: page.toc,
    draft: page.data.draft === true,
    updated: page.data.updated?.slice(0, 10) ?? '',
    updatedDisplay: page.data.updated ? formatDisplayDate(page.data.updated) : '',
    breadcrumbs: [...trail.map((c) => ({ title: c.title, url: withBase(config.base, c.url) })), { title: page.title, url: '' }],
    ...(series && position ? { series: { title: series.title, url: withBase(config.base, series.url), position: position.index, total: position.total } } : {}),
    ...(position?.previous ? { previous: link(position.previous) } : {}),
    ...(position?.next ? { next: link(position.next) } : {}),
    // A folder's README is its index page: it lists what the folder holds after its own text.
    ...(own ? { collection: collectionListing(own, config) } : {}),
    ...(page.tested ? { tested: testedNotice(page.tested, config) } : {}),
    markdownUrl: withBase(config.base, twinPath(page)),
    data: page.data,
  }
}

/** Context for pages berth makes itself (home, 404, lists), which have no markdown source. */
export function createGeneratedPageContext(title: string, url: string, description: string, layout: string, config: ResolvedConfig): PageContext {
  return {
    title,
    url: withBase(config.base, url),
    date: '',
    dateDisplay: '',
    description,
    readingMinutes: 0,
    layout,
    tags: [],
    toc: [],
    draft: false,
    updated: '',
    updatedDisplay: '',
    breadcrumbs: [],
    canonical: absoluteUrl(config.siteUrl, config.base, url),
    data: {},
  }
}

/** A section or series index page: its children, with breadcrumbs down to it. */
export function createCollectionPageContext(collection: Collection, config: ResolvedConfig): PageContext {
  const description = collection.description ?? `${collection.posts.length + collection.collections.length} ${collection.kind === 'series' ? 'posts' : 'topics'} in ${collection.title}`
  return {
    ...createGeneratedPageContext(collection.title, collection.url, description, 'collection', config),
    breadcrumbs: [...collection.trail.map((c) => ({ title: c.title, url: withBase(config.base, c.url) })), { title: collection.title, url: '' }],
    collection: collectionListing(collection, config),
  }
}

/** What a section or series holds, as its index page lists it. */
function collectionListing(collection: Collection, config: ResolvedConfig): NonNullable<PageContext['collection']> {
  return {
    kind: collection.kind,
    collections: collection.collections.map((c) => ({ title: c.title, url: withBase(config.base, c.url), description: c.description ?? '', count: countPosts(c) })),
    posts: collection.posts.map((p) => summarize(p, config)),
  }
}

/** A tag's page: its posts, newest first. */
export function createTagPageContext(tag: Tag, config: ResolvedConfig): PageContext {
  const title = `Posts tagged “${tag.name}”`
  return {
    ...createGeneratedPageContext(title, tag.url, `${tag.posts.length} post${tag.posts.length === 1 ? '' : 's'} tagged ${tag.name}`, 'tag', config),
    breadcrumbs: [{ title: 'Tags', url: withBase(config.base, 'tags/') }, { title: tag.name, url: '' }],
    tag: { name: tag.name, posts: tag.posts.map((p) => summarize(p, config)) },
  }
}

function sectionContexts(site: Site, config: ResolvedConfig): SectionContext[] {
  const seriesByUrl = new Map(site.series.map((s) => [s.url, s]))
  const descend = (c: Collection): Collection[] => [...(c.posts.length > 0 ? [c] : []), ...c.collections.flatMap(descend)]
  return site.collections
    .filter((c) => c.trail.length === 0)
    .map((top) => ({
      title: top.title,
      url: withBase(config.base, top.url),
      description: top.description ?? '',
      kind: top.kind,
      series: descend(top).flatMap((c) => {
        const series = seriesByUrl.get(c.url)
        return series ? [seriesContext(series, config)] : []
      }),
    }))
}

function seriesContext(series: Series, config: ResolvedConfig): SeriesContext {
  const posts = series.pages.map((page) => summarize(page, config))
  const latest = [...series.pages].sort((a, b) => newestFirst(a.date, b.date)).slice(0, SHOWN_ON_HOME).map((page) => summarize(page, config))
  return { title: series.title, url: withBase(config.base, series.url), trail: series.trail, description: series.description ?? '', count: posts.length, posts, first: posts.slice(0, SHOWN_ON_HOME), latest }
}

function tagLink(tag: Tag, config: ResolvedConfig): TagLink {
  return { name: tag.name, url: withBase(config.base, tag.url), count: tag.posts.length }
}

function countPosts(collection: Collection): number {
  return collection.posts.length + collection.collections.reduce((sum, c) => sum + countPosts(c), 0)
}

/** Minutes to read a post, as its page and every list of posts show it. */
export function readingMinutes(page: Pick<RenderedPage, 'wordCount'>): number {
  return Math.max(1, Math.round(page.wordCount / WORDS_PER_MINUTE))
}

function summarize(page: RenderedPage, config: ResolvedConfig): PostSummary {
  return {
    title: page.title,
    url: withBase(config.base, page.url),
    date: page.date?.slice(0, 10) ?? '',
    dateDisplay: page.date ? formatDisplayDate(page.date) : '',
    description: page.data.description ?? page.excerpt,
    readingMinutes: readingMinutes(page),
  }
}
