import path from 'node:path'
import { isFolderIndex, parentUrl, titleFromUrl } from '../load/url.ts'
import type { SiteMap, SiteMapNode } from '../load/site-map.ts'
import type { RenderedPage } from '../types.ts'

/** Posts that share a parent url (`ml-skills/docker/`), in reading order. */
export type Series = {
  url: string
  title: string
  /** Titles of the sections above it, outermost first (`['ML Skills']`). */
  trail: string[]
  description?: string
  pages: RenderedPage[]
  /** Each page's index in `pages` by url, so that finding a page's place does not scan the series. */
  positions: ReadonlyMap<string, number>
}

/**
 * Group posts by their parent url. Series and posts follow the site map's order; anything the site map
 * does not list comes after, by front matter `order`, then the number its file name starts with, then
 * date, then file name.
 */
export function groupSeries(pages: readonly RenderedPage[], siteMap: SiteMap): Series[] {
  const rank = new Map<string, number>()
  const trails = new Map<string, string[]>()
  const walk = (nodes: readonly SiteMapNode[], trail: string[]) => {
    for (const node of nodes) {
      rank.set(node.url, rank.size)
      trails.set(node.url, trail)
      walk(node.children, [...trail, node.title])
    }
  }
  walk(siteMap.nodes, [])

  const indexes = folderIndexes(pages)
  const byParent = new Map<string, RenderedPage[]>()
  for (const page of pages) {
    // A folder's own page (its README) heads the folder's listing rather than standing in its parent's.
    if (page.url === '' || indexes.has(page.url)) continue
    const parent = parentUrl(page.url)
    const members = byParent.get(parent)
    if (members) members.push(page)
    else byParent.set(parent, [page])
  }
  const series = [...byParent].map(([url, members]): Series => {
    const node = siteMap.byUrl.get(url)
    const ordered = members.sort((a, b) => comparePages(a, b, rank))
    return {
      url,
      title: node?.title ?? indexes.get(url)?.title ?? (titleFromUrl(url) || 'Posts'),
      trail: node ? (trails.get(url) ?? []) : parentTrail(url, siteMap, indexes),
      ...(node?.description ? { description: node.description } : {}),
      pages: ordered,
      positions: new Map(ordered.map((page, index) => [page.url, index])),
    }
  })
  return series.sort((a, b) => compareRanked(rank.get(a.url), rank.get(b.url)) || compareText(a.url, b.url))
}

/**
 * The pages that stand for a folder holding other pages (`labs/` for `labs/README.md` when `labs/x/`
 * exists), by url: each heads its folder's listing and names it.
 */
export function folderIndexes(pages: readonly RenderedPage[]): Map<string, RenderedPage> {
  const folders = new Set<string>()
  for (const page of pages) for (let up = parentUrl(page.url); up !== ''; up = parentUrl(up)) {
    if (folders.has(up)) break
    folders.add(up)
  }
  return new Map(pages.filter((page) => folders.has(page.url)).map((page) => [page.url, page]))
}

function parentTrail(url: string, siteMap: SiteMap, indexes: ReadonlyMap<string, RenderedPage>): string[] {
  const trail: string[] = []
  for (let up = parentUrl(url); up !== ''; up = parentUrl(up)) trail.unshift(siteMap.byUrl.get(up)?.title ?? indexes.get(up)?.title ?? titleFromUrl(up))
  return trail
}

function comparePages(a: RenderedPage, b: RenderedPage, rank: ReadonlyMap<string, number>): number {
  return (
    compareRanked(rank.get(a.url), rank.get(b.url)) ||
    compareRanked(a.data.order, b.data.order) ||
    // `01_setup.md`, `02_run.md`: a repository's files are numbered in reading order.
    compareRanked(numberedAs(a), numberedAs(b)) ||
    compareRanked(a.date, b.date) ||
    compareText(path.basename(a.source.path), path.basename(b.source.path)) ||
    compareText(a.title, b.title) ||
    compareText(a.url, b.url)
  )
}

/** The number a post's file (or, for a folder's README, its folder) starts with: `01_setup.md` → 1. */
function numberedAs(page: RenderedPage): number | undefined {
  const name = isFolderIndex(path.basename(page.source.path)) ? path.basename(path.dirname(page.source.path)) : path.basename(page.source.path)
  const digits = /^(\d+)(?:[._\s-]|$)/.exec(name)
  return digits ? Number(digits[1]) : undefined
}

/** Ranked values first, in ascending order; unranked ones after. */
function compareRanked<T extends number | string>(a: T | undefined, b: T | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1
  return a < b ? -1 : a > b ? 1 : 0
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
