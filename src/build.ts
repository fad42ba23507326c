import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { loadPost, renderPosts, type PostContext } from './compile-post.ts'
import { loadConfig, type ConfigOverrides, type ResolvedConfig } from './config.ts'
import { createDiagnostic, hasErrors, sortDiagnostics } from './diagnostics.ts'
import { listContentFiles } from './load/content.ts'
import { openFrontMatterCache } from './load/front-matter-cache.ts'
import { berthCode } from './berth-code.ts'
import { loadSiteMap } from './load/site-map.ts'
import { createMarkdownCache, type MarkdownCache } from './markdown/markdown-cache.ts'
import { markdownSettings, type MarkdownSettings } from './markdown/markdown-settings.ts'
import type { MarkdownProcessor } from './markdown/processor.ts'
import { berthCacheDir, compareByPath, isInside, writerStateDir } from './paths.ts'
import { layoutFilePath, listPageJobs, renderPageJobs, type PageJob } from './render/render-site.ts'
import { assumeFolder, checkPostLinks, indexLinkTargets, type LinkTargets } from './site/links.ts'
import { checkTemplateLinks } from './site/template-links.ts'
import { buildSearchIndex, SEARCH_FOLDER, startPagefind } from './site/search-index.ts'
import { renderSiteFiles } from './site/site-files.ts'
import { findUnusedAssets } from './site/unused-assets.ts'
import { createPageCache, type PageCache } from './render/page-cache.ts'
import { createTemplateEngine, type TemplateEngine } from './render/templates.ts'
import { buildSite, type Site } from './site/build-site.ts'
import type { Diagnostic, OutputFile } from './types.ts'
import { collectAssets } from './write/assets.ts'
import { createFsWriter, type Writer } from './write/writer.ts'
import { yieldToEvents } from './yield-to-events.ts'

export type BuildOptions = ConfigOverrides & {
  root: string
  /** Where files go; defaults to swapping them into the config's output folder. */
  writer?: Writer
  /** Run every stage and check, but write nothing. */
  dryRun?: boolean
  /** Treat warnings as errors: nothing is written when there is any. */
  strict?: boolean
  /** Keep markdown results between builds under node_modules/.cache/berth/ (default true). */
  cache?: boolean
  /** Worker threads for markdown: 0 renders in this thread; by default one per core when there is enough to render. */
  threads?: number
}

export type BuildResult = {
  ok: boolean
  diagnostics: Diagnostic[]
  config?: ResolvedConfig
  site?: Site
  files: OutputFile[]
  pageCount: number
  assetCount: number
  /** How many posts came from the persistent cache, and how many were rendered. */
  cache?: { hits: number; misses: number }
  /** How many pages came from the persistent cache unchanged, and how many went through their layout. */
  pageCache?: { hits: number; misses: number }
  /** Worker threads the markdown stage used (0: the main thread). */
  threads?: number
  /** How long each stage took, in order, in milliseconds. */
  timings?: [stage: string, ms: number][]
}

/**
 * What every stage needs and a build makes once: the template engine, the markdown settings and
 * processor, and the url of each post by source path (filled in after the load stage, read by links
 * to `.md` files).
 */
export type BuildTools = {
  postContext: Omit<PostContext, 'siteMap'>
  engine: TemplateEngine
  postUrls: Map<string, string>
  settings: MarkdownSettings
  /** The markdown processor, made on first use: a build whose posts all come from the cache or the pool never loads it. */
  processor: () => Promise<MarkdownProcessor>
}

export async function createBuildTools(config: ResolvedConfig, postUrls = new Map<string, string>()): Promise<BuildTools> {
  const settings = markdownSettings(config)
  let processor: Promise<MarkdownProcessor> | undefined
  return {
    postContext: { config, realRoot: await realpath(config.root) },
    engine: createTemplateEngine(config.templatesDir, config.themeDir, config.base),
    postUrls,
    settings,
    processor: () => (processor ??= import('./markdown/processor.ts').then((m) => m.createSiteProcessor(settings))),
  }
}

/** Run the chain of stages: config → load and markdown per post → site → render → write. Writes nothing on error. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const failed = (diagnostics: Diagnostic[], extra: Partial<BuildResult> = {}): BuildResult => ({
    ok: false,
    diagnostics: sortDiagnostics(diagnostics),
    files: [],
    pageCount: 0,
    assetCount: 0,
    ...extra,
  })
  const lap = createStopwatch()
  const configResult = await loadConfig(options.root, options)
  const config = configResult.value
  if (!config) return failed(configResult.diagnostics)
  const diagnostics: Diagnostic[] = [...configResult.diagnostics, ...checkOutputFolder(config)]
  if (hasErrors(diagnostics)) return failed(diagnostics, { config })

  // Pagefind's process starts while the posts load.
  if (config.search) startPagefind()
  const tools = await createBuildTools(config)
  const siteMap = await loadSiteMap(config.root, config.contentDir)
  diagnostics.push(...siteMap.diagnostics)
  const frontMatterCache = options.cache === false ? undefined : openFrontMatterCache(path.join(berthCacheDir(config.root), 'front-matter.json'), berthCode())
  const context = { ...tools.postContext, siteMap: siteMap.value, frontMatterCache }
  const loaded = await Promise.all((await listContentFiles(config.contentDir)).map((file) => loadPost(file, context)))
  frontMatterCache?.save()
  for (const post of loaded) if (post.page) tools.postUrls.set(post.file, post.page.url)
  lap('load')
  const cache = options.cache === false ? undefined : createSiteCache(config, tools)
  const { posts, threads } = await renderPosts(loaded, { processor: tools.processor, cache, settings: tools.settings, postUrls: tools.postUrls, threads: options.threads })
  for (const post of posts) diagnostics.push(...post.diagnostics)
  cache?.prune()
  lap('markdown')
  const site = buildSite(config, posts, siteMap.value)
  diagnostics.push(...site.diagnostics)
  lap('site')
  const output = await renderOutput(site.value, tools.engine, options.cache !== false, lap)
  diagnostics.push(...output.diagnostics)
  const failing = () => hasErrors(diagnostics) || (options.strict === true && diagnostics.length > 0)
  // While Pagefind indexes and the links are checked, the pages and assets are already being written
  // into the writer's staging folder; they become the output only if the checks find nothing wrong.
  const finished = output.finish.then((rest) => {
    diagnostics.push(...rest.diagnostics)
    lap('search index, link checks')
    return rest
  })
  const writing = options.dryRun || failing() ? undefined : (options.writer ?? createFsWriter(config.outDir, cache ? { state: writerStateDir(config.root) } : {})).write(output.files, finished.then((rest) => (failing() ? undefined : rest.files)), { restFolder: SEARCH_FOLDER })
  const [checked, written] = await Promise.allSettled([finished, writing])
  if (checked.status === 'rejected') throw checked.reason
  if (written.status === 'rejected') throw written.reason
  const rest = checked.value
  output.pageCache?.save()
  if (failing()) return failed(diagnostics, { config, site: site.value })
  lap('write')
  return {
    ok: true,
    diagnostics: sortDiagnostics(diagnostics),
    config,
    site: site.value,
    files: sortFiles([...output.files, ...rest.files]),
    pageCount: output.pageCount,
    assetCount: output.assetCount,
    ...(cache ? { cache: cache.stats() } : {}),
    // Taken last: a cached page found damaged when a stage reads it counts as rendered.
    ...(output.pageCache ? { pageCache: output.pageCache.stats() } : {}),
    threads,
    timings: lap.timings,
  }
}

type RenderedOutput = {
  /** Pages, assets, feed and sitemap: ready to write. */
  files: OutputFile[]
  pageCount: number
  assetCount: number
  diagnostics: Diagnostic[]
  /** The search index, and the problems found by checks that need every file (links, clashes, unused assets). */
  finish: Promise<{ files: OutputFile[]; diagnostics: Diagnostic[] }>
  /** The page cache, when it is used: saved by the caller once every stage is done reading pages from it. */
  pageCache?: PageCache
}

/** Render every page and gather every asset; the search index and the checks over all files follow. */
export async function renderOutput(site: Site, engine: TemplateEngine, useCache = true, lap: (stage: string) => void = () => undefined): Promise<RenderedOutput> {
  const jobs = listPageJobs(site, engine)
  const pageCache = useCache ? createPageCache(path.join(berthCacheDir(site.config.root), 'pages'), engine) : undefined
  const pages = renderPageJobs(jobs.value, engine, site.config.root, pageCache)
  lap('templates')
  // Pagefind indexes in its own process while this one gathers the assets and the feed and sitemap.
  const indexing = site.config.search ? buildSearchIndex(pages.value, site.config.base, useCache ? path.join(berthCacheDir(site.config.root), 'search') : undefined) : Promise.resolve([])
  const assets = await collectAssets(site.config, site.pages)
  const siteFiles = renderSiteFiles(site, pages.value.map((f) => f.path))
  const files = [...pages.value, ...siteFiles.files, ...assets.value]
  // While Pagefind works: the search index holds no assets and refers to none; links are checked
  // taking every path in its folder to exist, which is confirmed once the index is there (should one
  // be missing, the links are checked again against the whole output). Each check blocks this thread
  // for a while, so Pagefind's replies are taken in between.
  await yieldToEvents()
  const unusedAssets = findUnusedAssets(files, site.config)
  await yieldToEvents()
  const early = site.config.search ? checkLinksBeforeSearch(site, engine, jobs.value, files) : undefined
  const finish = indexing.then((search) => {
    const all = sortFiles([...files, ...search])
    const made = new Set(search.map((f) => f.path))
    const links = early && [...early.assumed].every((p) => made.has(p)) ? early.diagnostics : checkLinks(site, engine, jobs.value, all)
    return { files: search, diagnostics: [...findClashes(all), ...links, ...unusedAssets] }
  })
  const diagnostics = [...jobs.diagnostics, ...pages.diagnostics, ...siteFiles.diagnostics, ...assets.diagnostics]
  return { files, pageCount: pages.value.length, assetCount: assets.value.length, diagnostics, finish, ...(pageCache ? { pageCache } : {}) }
}

function sortFiles(files: OutputFile[]): OutputFile[] {
  return files.sort(compareByPath)
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

/** The link checks: links in posts at their lines, and links the layouts add. */
export function checkLinks(site: Site, engine: TemplateEngine, jobs: readonly PageJob[], files: readonly OutputFile[]): Diagnostic[] {
  return checkLinksTo(indexLinkTargets(site.pages, files.map((f) => f.path)), site, engine, jobs, files)
}

/** The link checks before the search index exists, and the paths in its folder they took to exist. */
function checkLinksBeforeSearch(site: Site, engine: TemplateEngine, jobs: readonly PageJob[], files: readonly OutputFile[]): { diagnostics: Diagnostic[]; assumed: ReadonlySet<string> } {
  const { targets, assumed } = assumeFolder(indexLinkTargets(site.pages, files.map((f) => f.path)), SEARCH_FOLDER)
  return { diagnostics: checkLinksTo(targets, site, engine, jobs, files), assumed }
}

function checkLinksTo(targets: LinkTargets, site: Site, engine: TemplateEngine, jobs: readonly PageJob[], files: readonly OutputFile[]): Diagnostic[] {
  const layoutFile = (layout: string) => layoutFilePath(engine, layout, site.config.root)
  return [...checkPostLinks(site.pages, targets), ...checkTemplateLinks(files, jobs, targets, site.config.base, layoutFile)]
}

/** The markdown cache's folder. */
export function cacheDir(config: ResolvedConfig): string {
  return path.join(berthCacheDir(config.root), 'markdown')
}

/** The persistent markdown cache for a site, reading `.md` link targets from the build's url map. */
export function createSiteCache(config: ResolvedConfig, tools: BuildTools): MarkdownCache {
  // Any change to the markdown settings makes every cached result stale.
  return createMarkdownCache(cacheDir(config), tools.settings, (file) => tools.postUrls.get(file))
}

/** The output folder is replaced whole, so it must never be the site itself or hold its sources. */
function checkOutputFolder(config: ResolvedConfig): Diagnostic[] {
  const sources = [config.root, config.contentDir, config.assetsDir, config.templatesDir]
  const clash = sources.find((dir) => isInside(config.outDir, dir) || (dir !== config.root && isInside(dir, config.outDir)))
  if (!clash) return []
  const shown = path.relative(config.root, config.outDir) || '.'
  return [createDiagnostic('--out', 'error', 'config/unsafe-output', `output folder "${shown}" would replace the site's own files`, undefined, 'choose a separate folder such as dist/')]
}

/** A page and an asset at one output path (two pages at one url are reported by the site stage). */
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
