import path from 'node:path'
import type { ResolvedConfig } from '../config.ts'
import { isHidden, isMarkdownFile } from '../load/content.ts'
import { SITE_MAP_NAMES } from '../load/site-map.ts'
import { compareByPath, isInside } from '../paths.ts'
import { readingMinutes } from '../render/context.ts'
import type { Site } from '../site/build-site.ts'
import { topCollections } from '../site/collections.ts'
import type { RenderedPage } from '../types.ts'

/** What kind of input a changed file is; each kind redoes a different part of the build. */
export type ChangeKind = 'post' | 'site-map' | 'asset' | 'template' | 'config'

export type FileEvent = 'add' | 'change' | 'unlink'

export type Change = { kind: ChangeKind; event: FileEvent; path: string }

/** What a batch of changes asks the dev build to redo. */
export type RebuildPlan = {
  /** The config changed: start over from scratch. */
  reloadConfig: boolean
  reloadSiteMap: boolean
  /** Content files to read again (added or changed). */
  posts: string[]
  /** Content files that are gone. */
  removedPosts: string[]
  /** Templates changed: `all` (a partial or a base layout), or the page layouts that changed. */
  templates: 'all' | Set<string> | undefined
  /** Asset files added, changed or removed. */
  assets: string[]
}

/** Which kind of input a path is, or undefined for files berth does not read. */
export function classifyPath(file: string, config: ResolvedConfig): ChangeKind | undefined {
  const name = path.basename(file)
  if (name.startsWith('.')) return undefined
  if (path.dirname(file) === config.root) return name === 'berth.config.json' || name === 'package.json' ? 'config' : undefined
  if (isInside(config.contentDir, file)) {
    if (isHidden(path.relative(config.contentDir, path.dirname(file)))) return undefined
    if (path.dirname(file) === config.contentDir && (SITE_MAP_NAMES as readonly string[]).includes(name)) return 'site-map'
    return isMarkdownFile(name) ? 'post' : 'asset'
  }
  if (isInside(path.join(config.templatesDir, 'assets'), file)) return 'asset'
  if (isInside(config.templatesDir, file)) return 'template'
  if (isInside(config.assetsDir, file)) return 'asset'
  return undefined
}

/** Fold a burst of changes into one plan; for a file changed several times, its last event wins. */
export function planRebuild(changes: readonly Change[]): RebuildPlan {
  const last = new Map<string, Change>()
  for (const change of changes) last.set(change.path, change)
  const plan: RebuildPlan = { reloadConfig: false, reloadSiteMap: false, posts: [], removedPosts: [], templates: undefined, assets: [] }
  for (const change of [...last.values()].sort(compareByPath)) {
    if (change.kind === 'config') plan.reloadConfig = true
    else if (change.kind === 'site-map') plan.reloadSiteMap = true
    else if (change.kind === 'template') plan.templates = addTemplate(plan.templates, change.path)
    else if (change.kind === 'asset') plan.assets.push(change.path)
    else if (change.event === 'unlink') plan.removedPosts.push(change.path)
    else plan.posts.push(change.path)
  }
  return plan
}

/** A page layout (`layouts/post.html`) touches the pages using it; anything else every page. */
function addTemplate(current: RebuildPlan['templates'], file: string): RebuildPlan['templates'] {
  if (current === 'all') return current
  const layout = /[/\\]layouts[/\\]([^/\\_][^/\\]*)\.html$/.exec(file)?.[1]
  if (!layout) return 'all'
  return new Set([...(current ?? []), layout])
}

/**
 * Which output pages to render again after posts changed. A post's own page when its page data changed;
 * every page made from the whole site (home, lists) and the other posts of its series when what they
 * show of it (title, url, date, description, tags, order) changed, or posts came or went.
 */
export function selectPagesToRender(previous: Site, next: Site, templates: RebuildPlan['templates']): PageFilter | 'all' {
  // Every page shows the site's title (which a root README may give) and its top-level sections in the header.
  if (templates === 'all' || previous.config.title !== next.config.title || JSON.stringify(topCollections(previous.collections)) !== JSON.stringify(topCollections(next.collections))) return 'all'
  const byLayout = templates ?? new Set<string>()
  const before = new Map(previous.pages.map((p) => [p.url, p]))
  const changedUrls = new Set<string>()
  const shownElsewhere = new Set<string>()
  for (const page of next.pages) {
    const old = before.get(page.url)
    before.delete(page.url)
    if (!old) {
      shownElsewhere.add(page.url)
      continue
    }
    if (old === page) continue
    changedUrls.add(page.url)
    if (summaryOf(old) !== summaryOf(page)) shownElsewhere.add(page.url)
  }
  for (const url of before.keys()) shownElsewhere.add(url)
  const affectedSeries = new Set([...shownElsewhere].map(seriesOf))
  return (job) =>
    byLayout.has(job.layout) ||
    (job.sourceUrl === undefined ? shownElsewhere.size > 0 : changedUrls.has(job.sourceUrl) || affectedSeries.has(seriesOf(job.sourceUrl)))
}

/** Decides, for a page to be rendered, whether it must be rendered again. */
export type PageFilter = (job: { layout: string; sourceUrl?: string | undefined }) => boolean

/** What other pages show of a post (its summary in lists, reading time included, and where it sorts). */
function summaryOf(page: RenderedPage): string {
  return JSON.stringify([page.title, page.url, page.date, page.data.description ?? page.excerpt, readingMinutes(page), page.tags, page.data.order, page.data.draft, page.layout])
}

function seriesOf(url: string): string {
  return url.split('/').filter(Boolean).slice(0, -1).join('/')
}
