import { createBuildTools, createSiteCache, type BuildTools } from '../build.ts'
import { loadPost, renderPost, renderPosts, type PostResult } from '../compile-post.ts'
import { loadConfig, type ConfigOverrides, type ResolvedConfig } from '../config.ts'
import { hasErrors, sortDiagnostics } from '../diagnostics.ts'
import { listContentFiles } from '../load/content.ts'
import { loadSiteMap, type SiteMap } from '../load/site-map.ts'
import { layoutFilePath, listPageJobs, renderPageJobs } from '../render/render-site.ts'
import { createTemplateEngine } from '../render/templates.ts'
import { checkPostLinks, indexLinkTargets, type LinkTargets } from '../site/links.ts'
import { buildSearchIndex } from '../site/search-index.ts'
import { renderSiteFiles } from '../site/site-files.ts'
import { checkTemplateLinks } from '../site/template-links.ts'
import { buildSite, type Site } from '../site/build-site.ts'
import type { Diagnostic, OutputFile, RenderedPage, Result } from '../types.ts'
import { collectAssetFiles, withContentImages } from '../write/assets.ts'
import { planRebuild, selectPagesToRender, type Change, type RebuildPlan } from './plan.ts'

/** What one (re)build of the dev site did. */
export type DevBuildResult = {
  ok: boolean
  diagnostics: Diagnostic[]
  /** Output paths whose bytes changed, appeared or disappeared (`a/b/index.html`). */
  changed: string[]
  /** How many pages were rendered again. */
  rendered: number
}

export type DevBuild = {
  /** The config the last good build used. */
  config(): ResolvedConfig | undefined
  /** The last good output at a path, if any. */
  lookup(outputPath: string): OutputFile | undefined
  /** The diagnostics of the latest build, good or not. */
  diagnostics(): Diagnostic[]
  /** Apply a batch of file changes; the first call (no changes) builds everything. */
  rebuild(changes?: readonly Change[]): Promise<DevBuildResult>
}

type State = {
  config: ResolvedConfig
  tools: BuildTools
  siteMap: { value: SiteMap; diagnostics: Diagnostic[] }
  posts: Map<string, PostResult>
  site?: Site
  assetFiles?: Result<OutputFile[]>
  search?: OutputFile[]
  /** The link checks' last findings by page url, and what they were checked against. */
  links?: { byUrl: Map<string, Diagnostic[]>; pages: Map<string, RenderedPage>; files: ReadonlySet<string> }
}

/**
 * Check the links of the pages that changed; all pages only when what links can reach changed (a page
 * came, went or changed its ids, or an output file came or went). Keeps each rebuild independent of
 * the number of links in the site.
 */
function checkLinksIncrementally(s: State, pages: readonly RenderedPage[], targets: LinkTargets, restart: boolean): Diagnostic[] {
  const previous = s.links
  const changed = previous ? pages.filter((page) => previous.pages.get(page.url) !== page) : [...pages]
  const reachChanged =
    !previous ||
    restart ||
    previous.pages.size !== pages.length ||
    previous.files.size !== targets.files.size ||
    [...targets.files].some((file) => !previous.files.has(file)) ||
    changed.some((page) => {
      const old = previous.pages.get(page.url)
      return !old || old.ids.length !== page.ids.length || old.ids.some((id, i) => id !== page.ids[i])
    })
  const byUrl = reachChanged ? new Map<string, Diagnostic[]>() : previous.byUrl
  for (const page of reachChanged ? pages : changed) byUrl.set(page.url, checkPostLinks([page], targets))
  s.links = { byUrl, pages: new Map(pages.map((page) => [page.url, page])), files: targets.files }
  return pages.flatMap((page) => byUrl.get(page.url) ?? [])
}

/**
 * The dev server's build: the same stages as `berth build`, kept in memory and redone only where
 * a change reaches. The last good output stays served while the site has errors.
 */
export function createDevBuild(root: string, overrides: ConfigOverrides = {}): DevBuild {
  let state: State | undefined
  let outputs = new Map<string, OutputFile>()
  let latest: Diagnostic[] = []

  const start = async (): Promise<{ diagnostics: Diagnostic[] }> => {
    const loaded = await loadConfig(root, { ...overrides, drafts: true })
    if (!loaded.value) {
      state = undefined
      return { diagnostics: loaded.diagnostics }
    }
    const config = loaded.value
    const tools = await createBuildTools(config)
    const siteMap = await loadSiteMap(config.root, config.contentDir)
    const context = { ...tools.postContext, siteMap: siteMap.value }
    const posts = await Promise.all((await listContentFiles(config.contentDir)).map((file) => loadPost(file, context)))
    for (const post of posts) if (post.page) tools.postUrls.set(post.file, post.page.url)
    // The first build reads what `berth build` left in the cache; edits after it are rendered fresh.
    const cache = createSiteCache(config, tools)
    const rendered = await renderPosts(posts, { processor: tools.processor, cache, settings: tools.settings, postUrls: tools.postUrls })
    state = { config, tools, siteMap, posts: new Map(rendered.posts.map((post) => [post.file, post])) }
    return { diagnostics: loaded.diagnostics }
  }

  const apply = async (s: State, changes: readonly Change[]): Promise<RebuildPlan> => {
    const plan = planRebuild(changes)
    // A fresh engine forgets liquidjs's cached templates; the markdown processor is unaffected.
    if (plan.templates) s.tools = { ...s.tools, engine: createTemplateEngine(s.config.templatesDir, s.config.themeDir, s.config.base) }
    // Load, note the post's url for links to its `.md` source, then render.
    const recompile = async (file: string, previous?: PostResult) => {
      const loaded = await loadPost(file, { ...s.tools.postContext, siteMap: s.siteMap.value })
      if (loaded.page) s.tools.postUrls.set(file, loaded.page.url)
      else s.tools.postUrls.delete(file)
      s.posts.set(file, renderPost(loaded, await s.tools.processor(), previous))
    }
    for (const file of plan.removedPosts) {
      s.posts.delete(file)
      s.tools.postUrls.delete(file)
    }
    const redo = new Set(plan.posts)
    if (plan.assets.length > 0) {
      // A changed image may have a new size: forget what was read of it, and re-render the posts that show it.
      const changedAssets = new Set(plan.assets)
      s.tools = await createBuildTools(s.config, s.tools.postUrls)
      for (const [file, post] of s.posts) if (post.page?.images.some((image) => changedAssets.has(image.path))) await recompile(file)
    }
    if (plan.reloadSiteMap) {
      s.siteMap = await loadSiteMap(s.config.root, s.config.contentDir)
      for (const [file, post] of s.posts) if (!redo.has(file)) await recompile(file, post)
    }
    for (const file of [...redo].sort()) await recompile(file, s.posts.get(file))
    return plan
  }

  const rebuild = async (changes: readonly Change[] = []): Promise<DevBuildResult> => {
    const restart = !state || changes.some((c) => c.kind === 'config')
    let templates: RebuildPlan['templates'] = 'all'
    if (restart) latest = (await start()).diagnostics
    else templates = (await apply(state!, changes)).templates
    const s = state
    if (!s) return finish(latest, undefined, 0)
    const diagnostics = [...latest.filter((d) => d.ruleId.startsWith('config/')), ...s.siteMap.diagnostics]
    for (const post of [...s.posts.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) diagnostics.push(...post.diagnostics)
    const site = buildSite(s.config, [...s.posts.values()], s.siteMap.value)
    diagnostics.push(...site.diagnostics)

    const jobs = listPageJobs(site.value, s.tools.engine)
    diagnostics.push(...jobs.diagnostics)
    const select = restart || !s.site ? 'all' : selectPagesToRender(s.site, site.value, templates)
    const chosen = select === 'all' ? jobs.value : jobs.value.filter(select)
    const rendered = renderPageJobs(chosen, s.tools.engine, s.config.root)
    diagnostics.push(...rendered.diagnostics)
    // Listing assets walks the asset folders: do it again only when something in them may have changed.
    if (!s.assetFiles || restart || changes.some((c) => c.kind === 'asset' || c.kind === 'template')) s.assetFiles = await collectAssetFiles(s.config)
    diagnostics.push(...s.assetFiles.diagnostics)
    const assets = { value: withContentImages(s.assetFiles.value, site.value.pages) }

    const next = new Map<string, OutputFile>()
    const fresh = new Map(rendered.value.map((f) => [f.path, f]))
    for (const job of jobs.value) {
      const file = fresh.get(job.outputPath) ?? outputs.get(job.outputPath)
      if (file) next.set(job.outputPath, file)
    }
    for (const asset of assets.value) next.set(asset.path, asset)
    for (const file of renderSiteFiles(site.value, jobs.value.map((j) => j.outputPath)).files) next.set(file.path, file)
    // The search index is built with the first build; it follows edits again when the preview restarts.
    if (!s.search) s.search = !s.config.search ? [] : await buildSearchIndex([...next.values()].filter((f) => f.path.endsWith('.html')), s.config.base)
    for (const file of s.search) next.set(file.path, file)
    const targets = indexLinkTargets(site.value.pages, next.keys())
    const layoutFile = (layout: string) => layoutFilePath(s.tools.engine, layout, s.config.root)
    diagnostics.push(...checkLinksIncrementally(s, site.value.pages, targets, restart), ...checkTemplateLinks(rendered.value, chosen, targets, s.config.base, layoutFile))
    latest = diagnostics
    if (hasErrors(diagnostics)) return finish(diagnostics, undefined, chosen.length)
    s.site = site.value
    return finish(diagnostics, next, chosen.length, changes)
  }

  /** Accept a good build's output (and say what changed), or keep the last good one. */
  const finish = (diagnostics: Diagnostic[], accepted: Map<string, OutputFile> | undefined, rendered: number, changes: readonly Change[] = []): DevBuildResult => {
    let changed: string[] = []
    if (accepted) {
      changed = diffOutputs(outputs, accepted, new Set(changes.filter((c) => c.kind === 'asset').map((c) => c.path)))
      outputs = accepted
    }
    return { ok: !hasErrors(diagnostics), diagnostics: sortDiagnostics(diagnostics), changed, rendered }
  }

  return {
    config: () => state?.config,
    lookup: (outputPath) => outputs.get(outputPath),
    diagnostics: () => sortDiagnostics(latest),
    rebuild,
  }
}

/** Paths whose content differs; assets are compared by source file and by whether that file changed. */
function diffOutputs(before: ReadonlyMap<string, OutputFile>, after: ReadonlyMap<string, OutputFile>, touchedFiles: ReadonlySet<string>): string[] {
  const changed: string[] = []
  for (const [file, output] of after) {
    const old = before.get(file)
    if (!old || old.contents !== output.contents || old.from !== output.from || (output.from !== undefined && touchedFiles.has(output.from))) changed.push(file)
  }
  for (const file of before.keys()) if (!after.has(file)) changed.push(file)
  return changed.sort()
}
