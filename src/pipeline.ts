import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { cacheSalt, carryOver, emptyBuildCache, type BuildCache, type CarriedMap, type KnownFile, type KnownPage } from './build-cache.ts'
import { loadPost, renderPosts, type PostResult } from './compile-post.ts'
import { loadConfig, type ConfigOverrides, type ResolvedConfig } from './config.ts'
import { createDiagnostic, hasErrors, sortDiagnostics } from './diagnostics.ts'
import { planRebuild, selectPagesToRender, type Change, type RebuildPlan } from './dev/plan.ts'
import { listContentFiles } from './load/content.ts'
import { loadSiteMap, type SiteMap } from './load/site-map.ts'
import { markdownSettings } from './markdown/markdown-settings.ts'
import type { MarkdownProcessor } from './markdown/processor.ts'
import { compareByPath, isInside } from './paths.ts'
import type { PageReuse } from './render/page-reuse.ts'
import { listPageJobs, renderPageJobs } from './render/render-site.ts'
import { createTemplateEngine, type TemplateEngine } from './render/templates.ts'
import { buildSite, type Site } from './site/build-site.ts'
import { checkSite, type LinkMemo } from './site/check-site.ts'
import { buildSearchIndex, SEARCH_FOLDER, startPagefind, type ShardReuse } from './site/search-index.ts'
import { renderSiteFiles } from './site/site-files.ts'
import { createSiteMemo, forgetLandings, type SiteMemo } from './site/site-memo.ts'
import type { Diagnostic, OutputFile, Result } from './types.ts'
import { collectAssetFiles, withContentImages } from './write/assets.ts'
import { makeImageVariants } from './images/responsive-images.ts'
import type { Writer } from './write/writer.ts'

/**
 * What one run of the pipeline leaves for the next: the dev server keeps it in memory between saves;
 * `berth build` starts from none and from the cache file (see build.ts). Plain data.
 */
export type PipelineState = {
  config: ResolvedConfig
  salt: string
  engine: TemplateEngine
  siteMap: Result<SiteMap>
  posts: ReadonlyMap<string, PostResult>
  assets: Result<OutputFile[]>
  /** What the site stage keeps from run to run (see site-memo.ts). */
  memo: SiteMemo
  /** The last good site and output, and its link check: what the next run's changes are measured against. */
  good?: { site: Site; outputs: ReadonlyMap<string, OutputFile>; search: readonly OutputFile[]; links: LinkMemo }
  /** The cache entries this run used, which are all the next one needs. */
  cache: BuildCache
}

export type PipelineRequest = {
  root: string
  overrides?: ConfigOverrides
  /** What changed since `previous` (the dev server's watcher); undefined: anything may have. */
  changes?: readonly Change[]
  /** The cache of earlier runs; none: everything is made afresh. */
  cache?: BuildCache
  /** Where the output goes, once the config says where that is; none: the run writes nothing (check, dev, which serves `files` itself). */
  publish?: (config: ResolvedConfig, salt: string) => Publisher
  /** The search index: made on every run, or only on a run without a previous one (the dev server's). */
  search?: 'every-run' | 'first-run'
  /** Warnings fail the run too. */
  strict?: boolean
  /** Worker threads for markdown (see chooseThreads). */
  threads?: number
  /** The image variants the pages name: made, kept in `cacheDir` when there is one (a run that sees the whole site clears out the variants unused for a month); `false` makes none (`berth check`, which publishes nothing). */
  images?: { cacheDir?: string } | false
}

/** The writer of a run's output, and how the pages and search shards it published last time are reused. */
export type Publisher = {
  writer?: Writer
  pages?: (pages: CarriedMap<KnownPage>, engine: TemplateEngine) => PageReuse
  search?: (shards: CarriedMap<KnownFile[]>) => ShardReuse
}

export type PipelineResult = {
  ok: boolean
  diagnostics: Diagnostic[]
  config?: ResolvedConfig
  site?: Site
  /** Every output file, sorted by path (on failure, none). */
  files: OutputFile[]
  pageCount: number
  assetCount: number
  /** Pages that went through their layout in this run, and pages whose published copy was reused instead. */
  rendered: number
  reusedPages: number
  /** Posts of this run's markdown stage whose result came from the cache or the previous run, and posts rendered. */
  markdown: { reused: number; rendered: number; threads: number }
  /** Image variants this run encoded, and those it took from the image cache. */
  images: { made: number; reused: number }
  /** How long each stage took, in order, in milliseconds. */
  timings: [stage: string, ms: number][]
}

/**
 * The one chain of stages, for `berth build`, `berth check` and `berth dev` alike: load → markdown →
 * site → render (with the image variants encoding beside it) → search index and checks together → write. Each stage redoes only what `changes`
 * reach from `previous`, and takes what it can from the cache. Writes nothing when anything fails.
 */
export async function runPipeline(previous: PipelineState | undefined, request: PipelineRequest): Promise<{ state?: PipelineState; result: PipelineResult }> {
  const lap = createStopwatch()
  const plan = previous && request.changes ? planRebuild(request.changes) : undefined
  const incremental = plan && !plan.reloadConfig ? previous : undefined
  const failed = (diagnostics: Diagnostic[], state?: PipelineState, config?: ResolvedConfig): { state?: PipelineState; result: PipelineResult } => ({
    ...(state ? { state } : {}),
    result: { ok: false, diagnostics: sortDiagnostics(diagnostics), ...(config ? { config } : {}), files: [], pageCount: 0, assetCount: 0, rendered: 0, reusedPages: 0, markdown: { reused: 0, rendered: 0, threads: 0 }, images: { made: 0, reused: 0 }, timings: lap.timings },
  })

  // Load: the config, the site map and every post a change reaches.
  const configResult = incremental ? { value: incremental.config, diagnostics: [] } : await loadConfig(request.root, request.overrides)
  const config = configResult.value
  if (!config) return failed(configResult.diagnostics)
  const diagnostics: Diagnostic[] = [...configResult.diagnostics, ...checkOutputFolder(config)]
  if (hasErrors(diagnostics)) return failed(diagnostics, undefined, config)
  const searching = config.search && (request.search !== 'first-run' || !incremental?.good)
  // Pagefind's process starts while the posts load.
  if (searching) startPagefind()
  const salt = cacheSalt()
  const publisher = request.publish?.(config, salt) ?? {}
  const from = request.cache ?? emptyBuildCache()
  const cache: BuildCache = { ...emptyBuildCache(), ...(from.output ? { output: from.output } : {}), ...(from.lastBuild ? { lastBuild: from.lastBuild } : {}) }
  const engine = incremental && !plan?.templates ? incremental.engine : createTemplateEngine(config.templatesDir, config.themeDir, config.base)
  const siteMap = incremental && !plan?.reloadSiteMap ? incremental.siteMap : await loadSiteMap(config.root, config.contentDir)
  const context = { config, siteMap: siteMap.value, realRoot: await realpath(config.root), frontMatter: carryOver(from.frontMatter, cache.frontMatter) }
  const toLoad = incremental ? filesToLoad(incremental, plan!) : await listContentFiles(config.contentDir)
  const loaded = await Promise.all(toLoad.map((file) => loadPost(file, context)))
  lap('load')

  // Markdown: each post alone, from its own text.
  const settings = markdownSettings(config)
  let processor: Promise<MarkdownProcessor> | undefined
  const markdown = await renderPosts(loaded, {
    processor: () => (processor ??= import('./markdown/processor.ts').then((m) => m.createSiteProcessor(settings))),
    settings,
    salt,
    cache: carryOver(from.markdown, cache.markdown),
    // The previous run's results hold while berth and the markdown settings are the same.
    ...(previous && previous.salt === salt && JSON.stringify(markdownSettings(previous.config)) === JSON.stringify(settings) ? { previous: (file: string) => previous.posts.get(file) } : {}),
    threads: request.threads,
  })
  const posts = new Map(incremental && !plan?.reloadSiteMap ? incremental.posts : [])
  for (const file of plan?.removedPosts ?? []) posts.delete(file)
  for (const post of markdown.posts) posts.set(post.file, post)
  const sortedPosts = [...posts.values()].sort((a, b) => (a.file < b.file ? -1 : 1))
  for (const post of sortedPosts) diagnostics.push(...post.diagnostics)
  diagnostics.push(...siteMap.diagnostics)
  lap('markdown')

  // Site: what needs every page.
  const memo = !incremental ? createSiteMemo() : plan!.assets.length > 0 ? forgetLandings(incremental.memo) : incremental.memo
  const site = buildSite(config, sortedPosts, siteMap.value, memo)
  diagnostics.push(...site.diagnostics)
  lap('site')

  // Images: the variants the pages' <picture>s name, encoded in libvips' own threads while the pages render.
  const imageCache = request.images && request.images.cacheDir !== undefined ? { dir: request.images.cacheDir, prune: !incremental } : undefined
  const images = request.images === false ? undefined : makeImageVariants(site.value.pages.flatMap((page) => page.images), config.images, config.root, imageCache)

  // Render: the pages a change reaches (every page, on a run without a previous one), and the files beside them.
  const good = incremental?.good
  const jobs = listPageJobs(site.value, engine)
  const select = good ? selectPagesToRender(good.site, site.value, plan!.templates) : 'all'
  const chosen = select === 'all' ? jobs.value : jobs.value.filter(select)
  const reuse = publisher.pages?.(carryOver(from.pages, cache.pages), engine)
  const rendered = renderPageJobs(chosen, engine, config.root, reuse)
  const fresh = new Map(rendered.value.map((f) => [f.path, f]))
  const pages = jobs.value.flatMap((job) => fresh.get(job.outputPath) ?? good?.outputs.get(job.outputPath) ?? [])
  const assetsChanged = !incremental || !!plan?.templates || (plan?.assets.length ?? 0) > 0
  const assets = assetsChanged ? await collectAssetFiles(config) : incremental.assets
  const siteFiles = renderSiteFiles(site.value, jobs.value.map((j) => j.outputPath), memo)
  const variants = (await images) ?? { files: [], made: 0, reused: 0, diagnostics: [] }
  const files = [...pages, ...siteFiles.files, ...withContentImages(assets.value, site.value.pages, site.value.linkedFiles), ...variants.files]
  diagnostics.push(...jobs.diagnostics, ...rendered.diagnostics, ...siteFiles.diagnostics, ...assets.diagnostics, ...variants.diagnostics)
  lap('render, images')

  // The search index and the checks over every file, together.
  // Without an index of its own, a run keeps the last good one. Pagefind indexes in its own process
  // while this one checks.
  const [search, checks] = await Promise.all([
    searching ? buildSearchIndex(pages, config.base, publisher.search?.(carryOver(from.search, cache.search))) : config.search ? [...(good?.search ?? [])] : [],
    checkSite(site.value, engine, jobs.value, searching ? files : [...files, ...(good?.search ?? [])], searching ? SEARCH_FOLDER : undefined, good?.links),
  ])
  const checked = checks.confirm(searching ? search : [])
  diagnostics.push(...checked.diagnostics)
  lap('search index, checks')

  const state: PipelineState = { config, salt, engine, siteMap, posts, assets, memo, cache, ...(good ? { good } : {}) }
  const failing = hasErrors(diagnostics) || (request.strict === true && diagnostics.length > 0)
  if (failing) return failed(diagnostics, state, config)
  const all = [...files, ...search].sort(compareByPath)
  if (publisher.writer) await publisher.writer.write(all)
  lap('write')
  state.good = { site: site.value, outputs: new Map(all.map((f) => [f.path, f])), search, links: checked.links }
  return {
    state,
    result: {
      ok: true,
      diagnostics: sortDiagnostics(diagnostics),
      config,
      site: site.value,
      files: all,
      pageCount: pages.length,
      assetCount: files.length - pages.length - siteFiles.files.length,
      // A reused page is one whose HTML is loaded from its published copy when a stage asks for it.
      rendered: rendered.value.filter((f) => f.contents !== undefined).length,
      reusedPages: rendered.value.filter((f) => f.contents === undefined).length,
      markdown: { reused: markdown.reused, rendered: markdown.rendered, threads: markdown.threads },
      images: { made: variants.made, reused: variants.reused },
      timings: lap.timings,
    },
  }
}

/** The content files a dev rebuild loads again: those changed, all of them after a site map change, and those showing a changed image. */
function filesToLoad(previous: PipelineState, plan: RebuildPlan): string[] {
  if (plan.reloadSiteMap) return [...new Set([...previous.posts.keys(), ...plan.posts])].filter((file) => !plan.removedPosts.includes(file)).sort()
  const images = new Set(plan.assets)
  // Most saves change no asset: then no other post is looked at.
  const showing = images.size === 0 ? [] : [...previous.posts.values()].filter((post) => post.page?.images.some((image) => images.has(image.path))).map((post) => post.file)
  return [...new Set([...plan.posts, ...showing])].sort()
}

/** A function that notes the time since its last call under a stage's name, and keeps the list. */
function createStopwatch(): ((stage: string) => void) & { timings: [string, number][] } {
  let last = performance.now()
  const timings: [string, number][] = []
  const lap = (stage: string) => {
    const now = performance.now()
    timings.push([stage, Math.round(now - last)])
    last = now
  }
  return Object.assign(lap, { timings })
}

/** The output folder is replaced whole, so it must never be the site itself or hold its sources. */
function checkOutputFolder(config: ResolvedConfig): Diagnostic[] {
  const sources = [config.root, config.contentDir, config.assetsDir, config.templatesDir]
  const clash = sources.find((dir) => isInside(config.outDir, dir) || (dir !== config.root && isInside(dir, config.outDir)))
  if (!clash) return []
  const shown = path.relative(config.root, config.outDir) || '.'
  return [createDiagnostic('--out', 'error', 'config/unsafe-output', `output folder "${shown}" would replace the site's own files`, undefined, 'choose a separate folder such as dist/')]
}
