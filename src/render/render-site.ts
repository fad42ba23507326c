import path from 'node:path'
import type { LiquidError } from 'liquidjs'
import { createDiagnostic } from '../diagnostics.ts'
import { digestOf } from '../digest-files.ts'
import { htmlText } from '../markdown/html-text.ts'
import { isInside, toPosix } from '../paths.ts'
import type { Site } from '../site/build-site.ts'
import { parentUrl } from '../load/url.ts'
import type { Diagnostic, OutputFile, RenderedPage, Result } from '../types.ts'
import { createCollectionPageContext, createGeneratedPageContext, createPageContext, createSiteContext, createTagPageContext, type PageContext, type SiteContext } from './context.ts'
import type { KnownPage } from '../build-cache.ts'
import type { PageReuse } from './page-reuse.ts'
import { readPageFacts } from './page-facts.ts'
import type { TemplateEngine } from './templates.ts'

type LayoutContext = { site: SiteContext; page: PageContext; content: string }

/** One HTML file to render: its layout and the data the layout sees. */
export type PageJob = {
  outputPath: string
  layout: string
  /** The post behind the page; undefined for pages berth makes itself (home, 404). */
  sourceUrl?: string
  /** What to name in a template error. */
  blame: string
  /** The post's own HTML, which the layout wraps: the page cache knows it by its digest, so its text is read only to render. */
  body?: Pick<RenderedPage, 'html' | 'linkHrefs' | 'htmlDigest'>
  /** The data the layout sees besides the body, made only for the pages looked up or rendered. */
  context: () => Omit<LayoutContext, 'content'>
}

/** Every HTML page of the site: each post through its layout, the home page (unless content has one) and 404.html. */
export function listPageJobs(site: Site, engine: TemplateEngine): Result<PageJob[]> {
  const { config } = site
  let shared: SiteContext | undefined
  const siteContext = () => (shared ??= createSiteContext(site))
  const seriesByUrl = new Map(site.series.map((s) => [s.url, s]))
  const collectionsByUrl = new Map(site.collections.map((c) => [c.url, c]))
  const jobs: PageJob[] = []
  const diagnostics: Diagnostic[] = []
  for (const page of site.pages) {
    if (!engine.layouts.includes(page.layout)) {
      diagnostics.push(
        createDiagnostic(page.source.relPath, 'error', 'template/unknown-layout', `layout "${page.layout}" does not exist; available layouts: ${engine.layouts.join(', ')}`, page.keyPositions.layout, `use one of them, or add templates/layouts/${page.layout}.html`),
      )
      continue
    }
    const context = () => ({ site: siteContext(), page: createPageContext(page, config, seriesByUrl.get(parentUrl(page.url)), collectionsByUrl) })
    jobs.push({ outputPath: page.outputPath, layout: page.layout, sourceUrl: page.url, blame: page.source.relPath, body: page, context })
  }
  // Contexts are made only for the pages rendered: a tag's page lists every post that has it.
  const generated = (outputPath: string, layout: string, page: () => PageContext) =>
    jobs.push({ outputPath, layout, blame: `${outputPath} (made by berth)`, context: () => ({ site: siteContext(), page: page() }) })
  // The content's own page wins wherever it has one.
  const taken = new Set(site.pages.map((p) => p.url))
  if (!taken.has('')) generated('index.html', 'home', () => createGeneratedPageContext(config.title, '', config.description, 'home', config))
  for (const collection of site.collections) if (!taken.has(collection.url)) generated(`${collection.url}index.html`, 'collection', () => createCollectionPageContext(collection, config))
  if (config.search && !taken.has('search/')) generated('search/index.html', 'search', () => createGeneratedPageContext('Search', 'search/', `Search ${config.title}`, 'search', config))
  if (site.tags.length > 0 && !taken.has('tags/')) generated('tags/index.html', 'tags', () => createGeneratedPageContext('Tags', 'tags/', `Every tag on ${config.title}`, 'tags', config))
  for (const tag of site.tags) if (!taken.has(tag.url)) generated(`${tag.url}index.html`, 'tag', () => createTagPageContext(tag, config))
  generated('404.html', '404', () => createGeneratedPageContext('Page not found', '404.html', '', '404', config))
  return { value: jobs, diagnostics }
}

/**
 * Render page jobs through the template engine; template errors become diagnostics at the template's
 * line. With `reuse`, a page made from exactly the same templates and data as a published one is not
 * rendered: its digest and facts come from the cache, its HTML from the published copy when a later
 * stage asks for it (or from its layout again, should that copy have changed meanwhile).
 */
export function renderPageJobs(jobs: readonly PageJob[], engine: TemplateEngine, root: string, reuse?: PageReuse): Result<OutputFile[]> {
  const files: OutputFile[] = []
  const diagnostics: Diagnostic[] = []
  for (const job of jobs) {
    const data = job.context()
    const key = reuse?.keyOf(job.layout, data, job.body?.htmlDigest ?? '')
    const known = key === undefined ? undefined : reuse!.pages.get(key)
    const published = known && reuse!.published(job.outputPath, known.digest)
    if (known && published) {
      files.push({ path: job.outputPath, digest: known.digest, page: known.facts, load: loadPublishedPage(published, () => renderJob(engine, job, data, root), job.blame) })
      continue
    }
    const html = renderJob(engine, job, data, root)
    if ('diagnostic' in html) {
      diagnostics.push(html.diagnostic)
      continue
    }
    // Kept as its UTF-8 bytes, which the writer writes as they are: a page's typographic quotes make
    // its text two bytes a character, twice the bytes of a mostly ASCII page.
    files.push({ path: job.outputPath, contents: Buffer.from(html.text), digest: html.page.digest, page: html.page.facts })
    if (key !== undefined) reuse!.pages.set(key, html.page)
  }
  return { value: files, diagnostics }
}

type RenderedJob = { text: string; page: KnownPage } | { diagnostic: Diagnostic }

/** A page through its layout, with the post's HTML as the content, and what the cache keeps of it. */
function renderJob(engine: TemplateEngine, job: PageJob, data: Omit<LayoutContext, 'content'>, root: string): RenderedJob {
  const content = job.body ? htmlText(job.body) : ''
  const html = renderLayout(engine, job, { ...data, content }, root)
  if ('diagnostic' in html) return html
  return { text: html.text, page: { digest: digestOf(html.text), facts: readPageFacts(html.text, content) } }
}

/**
 * Read a reused page's published HTML; should it have changed since it was vouched for, render it again
 * (the same templates and data rendered it without error before, into the same bytes).
 */
function loadPublishedPage(published: () => Uint8Array | undefined, render: () => RenderedJob, blame: string): () => Uint8Array {
  return () => {
    const html = published()
    if (html !== undefined) return html
    const again = render()
    if ('diagnostic' in again) throw new Error(`${blame} rendered without error before and not now: ${again.diagnostic.message}`)
    return Buffer.from(again.text)
  }
}

type RenderedLayout = { text: string } | { diagnostic: Diagnostic }

function renderLayout(engine: TemplateEngine, job: PageJob, context: LayoutContext, root: string): RenderedLayout {
  try {
    return { text: engine.liquid.renderFileSync(`layouts/${job.layout}`, context) as string }
  } catch (error) {
    if (!isLiquidError(error)) throw error
    const file = error.token?.file ? displayTemplatePath(error.token.file, root) : `templates/layouts/${job.layout}.html`
    const [line, column] = error.token?.getPosition() ?? []
    const message = `template error while rendering ${job.blame}: ${error.message.split(/, line:\d+/)[0]}`
    return { diagnostic: createDiagnostic(file, 'error', 'template/error', message, line && column ? { line, column } : undefined, 'fix the Liquid syntax or the variable name in the template') }
  }
}

function isLiquidError(error: unknown): error is LiquidError {
  return error instanceof Error && 'token' in error
}

/** Where a layout comes from, as diagnostics show it: the site's own file, else the theme's. */
export function layoutFilePath(engine: TemplateEngine, layout: string, root: string): string {
  const file = engine.resolveLayout(layout)
  return file ? displayTemplatePath(file, root) : `templates/layouts/${layout}.html`
}

/** Site templates show relative to the site root; the theme's as `berth:templates/…`. */
function displayTemplatePath(file: string, root: string): string {
  if (isInside(root, file)) return toPosix(path.relative(root, file))
  const theme = file.lastIndexOf(`${path.sep}templates${path.sep}`)
  return theme === -1 ? path.basename(file) : `berth:${toPosix(file.slice(theme + 1))}`
}
