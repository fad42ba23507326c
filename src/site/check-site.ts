import { createDiagnostic } from '../diagnostics.ts'
import { layoutFilePath, type PageJob } from '../render/render-site.ts'
import type { TemplateEngine } from '../render/templates.ts'
import type { Diagnostic, OutputFile, RenderedPage } from '../types.ts'
import { yieldToEvents } from '../yield-to-events.ts'
import type { Site } from './build-site.ts'
import { assumeFolder, checkPostLinks, indexLinkTargets, type LinkTargets } from './links.ts'
import { checkTemplateLinks, type LayoutProblems } from './template-links.ts'
import { findUnusedAssets, type AssetUses } from './unused-assets.ts'

/** The last link check's findings by page url, and what they were checked against: a rebuild checks only what a change can reach. */
export type LinkMemo = {
  byUrl: Map<string, Diagnostic[]>
  pages: Map<string, RenderedPage>
  files: ReadonlySet<string>
  /** Each page's layout link problems (valid while the targets are the same) and the assets it uses. */
  layouts: LayoutProblems
  assetUses: AssetUses
}

export type SiteChecks = { diagnostics: Diagnostic[]; links: LinkMemo }

/**
 * The checks that need every output file: links and anchors in posts and in layouts, unused assets,
 * two outputs at one path. They run while the search index is built, taking every path in its folder
 * (`searchFolder`) to exist; `confirm` checks that assumption once the index is there, and checks the
 * links again against the whole output should it not hold.
 */
export async function checkSite(site: Site, engine: TemplateEngine, jobs: readonly PageJob[], files: readonly OutputFile[], searchFolder: string | undefined, previous?: LinkMemo): Promise<{ confirm(search: readonly OutputFile[]): SiteChecks }> {
  const layoutFile = (layout: string) => layoutFilePath(engine, layout, site.config.root)
  const check = (all: readonly OutputFile[], assuming: boolean) => {
    const indexed = indexLinkTargets(site.pages, all.map((f) => f.path))
    const { targets, assumed } = assuming && searchFolder ? assumeFolder(indexed, searchFolder) : { targets: indexed, assumed: new Set<string>() }
    const posts = checkPostLinksIncrementally(site.pages, targets, previous)
    const layouts: LayoutProblems = posts.reachChanged || !previous ? new WeakMap() : previous.layouts
    const links: LinkMemo = { ...posts.links, layouts, assetUses }
    return { diagnostics: [...posts.diagnostics, ...checkTemplateLinks(all, jobs, targets, site.config.base, layoutFile, layouts)], links, assumed }
  }
  // Each check blocks this thread for a while: Pagefind's replies are taken in between.
  await yieldToEvents()
  const assetUses = previous?.assetUses ?? new WeakMap()
  const unused = findUnusedAssets(files, site.config, assetUses)
  await yieldToEvents()
  const early = check(files, true)
  return {
    confirm(search) {
      const all = [...files, ...search].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      const made = new Set(search.map((f) => f.path))
      const links = [...early.assumed].every((p) => made.has(p)) ? early : check(all, false)
      return { diagnostics: [...findClashes(all), ...links.diagnostics, ...unused], links: links.links }
    },
  }
}

/**
 * Check the links of the pages that changed since `previous`; all pages when what links can reach
 * changed (a page came, went or changed its ids, or an output file came or went), or there is no
 * previous check. Keeps a dev rebuild independent of the number of links in the site.
 */
function checkPostLinksIncrementally(pages: readonly RenderedPage[], targets: LinkTargets, previous: LinkMemo | undefined): { diagnostics: Diagnostic[]; links: Pick<LinkMemo, 'byUrl' | 'pages' | 'files'>; reachChanged: boolean } {
  const changed = previous ? pages.filter((page) => previous.pages.get(page.url) !== page) : [...pages]
  const reachChanged =
    !previous ||
    previous.pages.size !== pages.length ||
    previous.files.size !== targets.files.size ||
    [...targets.files].some((file) => !previous.files.has(file)) ||
    changed.some((page) => {
      const old = previous.pages.get(page.url)
      return !old || old.ids.length !== page.ids.length || old.ids.some((id, i) => id !== page.ids[i])
    })
  const byUrl = reachChanged ? new Map<string, Diagnostic[]>() : new Map(previous.byUrl)
  for (const page of reachChanged ? pages : changed) byUrl.set(page.url, checkPostLinks([page], targets))
  const links = { byUrl, pages: new Map(pages.map((page) => [page.url, page])), files: new Set(targets.files) }
  return { diagnostics: pages.flatMap((page) => byUrl.get(page.url) ?? []), links, reachChanged }
}

/** A page and an asset at one output path (two pages at one url are reported by the site stage). `files` is sorted by path. */
function findClashes(files: readonly OutputFile[]): Diagnostic[] {
  const clashes: Diagnostic[] = []
  for (let i = 1; i < files.length; i++) {
    const [a, b] = [files[i - 1]!, files[i]!]
    if (a.path === b.path && (a.from !== undefined || b.from !== undefined)) {
      clashes.push(createDiagnostic(b.path, 'error', 'page/output-clash', `two outputs would be written to "${b.path}"`, undefined, 'rename the post or the asset'))
    }
  }
  return clashes
}
