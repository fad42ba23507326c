import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { Liquid } from 'liquidjs'
import { withBase } from '../paths.ts'

export type TemplateEngine = {
  liquid: Liquid
  /** Layout names a page may use (files in `layouts/`, without those starting with `_`). */
  layouts: readonly string[]
  /** Folders searched in order: the site's own templates first, then the theme's. */
  roots: readonly string[]
  /** The file a layout name renders from, if it exists. */
  resolveLayout: (layout: string) => string | undefined
}

/**
 * The liquidjs engine for a site: the site's `templates/` overrides the theme file by file.
 * Output is HTML-escaped unless a template asks for `| raw`, and unknown filters are errors.
 */
export function createTemplateEngine(siteTemplatesDir: string, themeDir: string, base: string): TemplateEngine {
  const roots = [...new Set([path.resolve(siteTemplatesDir), path.resolve(themeDir)])]
  const liquid = new Liquid({
    root: roots,
    partials: roots.map((r) => path.join(r, 'partials')),
    layouts: roots.map((r) => path.join(r, 'layouts')),
    extname: '.html',
    outputEscape: 'escape',
    strictFilters: true,
    ownPropertyOnly: true,
    cache: true,
  })
  // `{{ '/assets/x.png' | url }}` → `/docs/assets/x.png` under a base path.
  liquid.registerFilter('url', (value: unknown) => withBase(base, String(value ?? '')))
  const resolveLayout = (layout: string) => roots.map((r) => path.join(r, 'layouts', `${layout}.html`)).find((file) => existsSync(file))
  return { liquid, layouts: listLayouts(roots), roots, resolveLayout }
}

function listLayouts(roots: readonly string[]): string[] {
  const names = new Set<string>()
  for (const root of roots) {
    let entries: string[] = []
    try {
      entries = readdirSync(path.join(root, 'layouts'))
    } catch {
      continue
    }
    for (const entry of entries) if (entry.endsWith('.html') && !entry.startsWith('_')) names.add(entry.slice(0, -5))
  }
  return [...names].sort()
}
