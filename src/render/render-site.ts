import path from 'node:path'
import type { LiquidError } from 'liquidjs'
import { createDiagnostic } from '../diagnostics.ts'
import { toPosix } from '../paths.ts'
import type { Site } from '../site/build-site.ts'
import { parentUrl } from '../site/series.ts'
import type { Diagnostic, OutputFile, Result } from '../types.ts'
import { createGeneratedPageContext, createPageContext, createSiteContext, type PageContext, type SiteContext } from './context.ts'
import type { TemplateEngine } from './templates.ts'

/** The render stage: every page through its layout, plus the home page (unless content has one) and 404.html. */
export function renderSite(site: Site, engine: TemplateEngine): Result<OutputFile[]> {
  const { config } = site
  const siteContext = createSiteContext(site)
  const seriesByUrl = new Map(site.series.map((s) => [s.url, s]))
  const files: OutputFile[] = []
  const diagnostics: Diagnostic[] = []
  const render = (layout: string, page: PageContext, content: string, outputPath: string, blame: string) => {
    const html = renderLayout(engine, layout, { site: siteContext, page, content }, site.config.root, blame)
    if ('diagnostic' in html) diagnostics.push(html.diagnostic)
    else files.push({ path: outputPath, contents: html.text })
  }

  for (const page of site.pages) {
    if (!engine.layouts.includes(page.layout)) {
      diagnostics.push(
        createDiagnostic(page.source.relPath, 'error', 'template/unknown-layout', `layout "${page.layout}" does not exist; available layouts: ${engine.layouts.join(', ')}`, page.keyPositions.layout, `use one of them, or add templates/layouts/${page.layout}.html`),
      )
      continue
    }
    render(page.layout, createPageContext(page, config, seriesByUrl.get(parentUrl(page.url))), page.html, page.outputPath, page.source.relPath)
  }
  if (!site.pages.some((p) => p.url === '')) {
    render('home', createGeneratedPageContext(config.title, '', config.description, 'home', config), '', 'index.html', 'home page')
  }
  render('404', createGeneratedPageContext('Page not found', '404.html', '', '404', config), '', '404.html', '404 page')
  return { value: files, diagnostics }
}

type LayoutContext = { site: SiteContext; page: PageContext; content: string }

function renderLayout(engine: TemplateEngine, layout: string, context: LayoutContext, root: string, blame: string): { text: string } | { diagnostic: Diagnostic } {
  try {
    return { text: engine.liquid.renderFileSync(`layouts/${layout}`, context) as string }
  } catch (error) {
    if (!isLiquidError(error)) throw error
    const file = error.token?.file ? displayTemplatePath(error.token.file, root) : `templates/layouts/${layout}.html`
    const [line, column] = error.token?.getPosition() ?? []
    const message = `template error while rendering ${blame}: ${error.message.split(/, line:\d+/)[0]}`
    return { diagnostic: createDiagnostic(file, 'error', 'template/error', message, line && column ? { line, column } : undefined, 'fix the Liquid syntax or the variable name in the template') }
  }
}

function isLiquidError(error: unknown): error is LiquidError {
  return error instanceof Error && 'token' in error
}

/** Site templates show relative to the site root; the theme's as `berth:templates/…`. */
function displayTemplatePath(file: string, root: string): string {
  const rel = path.relative(root, file)
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return toPosix(rel)
  const theme = file.lastIndexOf(`${path.sep}templates${path.sep}`)
  return theme === -1 ? path.basename(file) : `berth:${toPosix(file.slice(theme + 1))}`
}
