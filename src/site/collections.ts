import { titleFromUrl } from '../load/url.ts'
import type { SiteMap } from '../load/site-map.ts'
import type { RenderedPage } from '../types.ts'
import { parentUrl } from '../load/url.ts'
import type { Series } from './series.ts'

/** A link in a breadcrumb trail. */
export type Crumb = { title: string; url: string }

/** A section (`ml-skills/`) or a series (`ml-skills/docker/`): a folder of the site with an index page. */
export type Collection = {
  url: string
  title: string
  description?: string
  kind: 'section' | 'series'
  /** The collections above it, outermost first. */
  trail: Crumb[]
  collections: Collection[]
  posts: RenderedPage[]
}

/**
 * Every folder that holds posts, at any depth, as sections and series: titles, descriptions, kinds and
 * order from the site map where it has them, else from the folder's README (`indexes`) and the urls (a folder of posts only is a series).
 * Returned outermost first, in the site map's order; each has its child collections and its posts.
 */
export function buildCollections(series: readonly Series[], siteMap: SiteMap, indexes: ReadonlyMap<string, RenderedPage> = new Map()): Collection[] {
  const rank = new Map<string, number>()
  let next = 0
  const walk = (nodes: SiteMap['nodes']) => nodes.forEach((node) => (rank.set(node.url, next++), walk(node.children)))
  walk(siteMap.nodes)

  const postsByUrl = new Map(series.map((s) => [s.url, s.pages]))
  const urls = new Set<string>()
  for (const s of series) for (let url = s.url; url !== ''; url = parentUrl(url)) urls.add(url)
  const ordered = [...urls].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0))

  const byUrl = new Map<string, Collection>()
  for (const url of ordered) {
    const node = siteMap.byUrl.get(url)
    const index = indexes.get(url)
    // A folder's README names and describes it where the site map does not.
    const description = node?.description ?? (index?.data.description || index?.excerpt || undefined)
    byUrl.set(url, {
      url,
      title: node?.title ?? index?.title ?? titleFromUrl(url),
      ...(description ? { description } : {}),
      kind: 'series',
      trail: [],
      collections: [],
      posts: postsByUrl.get(url) ?? [],
    })
  }
  for (const url of ordered) {
    const collection = byUrl.get(url)!
    const parent = byUrl.get(parentUrl(url))
    parent?.collections.push(collection)
    for (let up = parentUrl(url); up !== ''; up = parentUrl(up)) collection.trail.unshift({ title: byUrl.get(up)!.title, url: up })
  }
  for (const collection of byUrl.values()) {
    const type = siteMap.byUrl.get(collection.url)?.type
    collection.kind = type === 'category' || (type !== 'topic' && collection.collections.length > 0) ? 'section' : 'series'
  }
  return ordered.map((url) => byUrl.get(url)!)
}

/** The site's top-level sections and series, in the site map's order: what the header's navigation lists. */
export function topCollections(collections: readonly Collection[]): Crumb[] {
  return collections.filter((c) => c.trail.length === 0).map((c) => ({ title: c.title, url: c.url }))
}

/** Where a post stands in its series: "Part 2 of 7", with its neighbours. */
export type SeriesPosition = { index: number; total: number; previous?: RenderedPage; next?: RenderedPage }

export function positionInSeries(page: RenderedPage, series: Series | undefined): SeriesPosition | undefined {
  if (!series || series.url === '') return undefined
  const index = series.positions.get(page.url)
  if (index === undefined || series.pages[index] !== page) return undefined
  return { index: index + 1, total: series.pages.length, ...(index > 0 ? { previous: series.pages[index - 1] } : {}), ...(index < series.pages.length - 1 ? { next: series.pages[index + 1] } : {}) }
}
