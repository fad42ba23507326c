import { createDiagnostic } from '../diagnostics.ts'
import type { PageJob } from '../render/render-site.ts'
import type { Diagnostic, OutputFile } from '../types.ts'
import { resolveInternalLink, suggest, type LinkTargets } from './links.ts'

const URL_ATTRIBUTE = /\s(?:href|src)="([^"]*)"/g

/**
 * Check the links a layout adds around the post body (navigation, stylesheets, scripts) in every
 * rendered page. Under a base path they must start with it; each broken one is reported once per layout.
 */
export function checkTemplateLinks(files: readonly OutputFile[], jobs: readonly PageJob[], targets: LinkTargets, base: string, layoutFile: (layout: string) => string): Diagnostic[] {
  const jobByPath = new Map(jobs.map((job) => [job.outputPath, job]))
  const seen = new Set<string>()
  const diagnostics: Diagnostic[] = []
  const pageUrls = [...targets.idsByUrl.keys()]
  const byRootUrl = new Map<string, Problem | 'none'>()
  for (const file of files) {
    const job = jobByPath.get(file.path)
    if (!job || typeof file.contents !== 'string') continue
    // The post's own links were checked at their markdown lines; look only at what the layout added.
    const body = job.bodyHtml
    const at = body ? file.contents.indexOf(body) : -1
    const templateHtml = at === -1 ? file.contents : file.contents.slice(0, at) + file.contents.slice(at + body!.length)
    const pageUrl = file.path.replace(/index\.html$/, '')
    for (const match of templateHtml.matchAll(URL_ATTRIBUTE)) {
      const href = decodeAttribute(match[1]!)
      if (href === '' || href.startsWith('#') || href.startsWith('data:')) continue
      // A root-relative url means the same on every page, and layouts repeat theirs on every page.
      const rootRelative = href.startsWith('/') && !href.startsWith('//')
      let problem = rootRelative ? byRootUrl.get(href) : undefined
      if (problem === undefined) {
        problem = problemWith(href, pageUrl, base, targets) ?? 'none'
        if (rootRelative) byRootUrl.set(href, problem)
      }
      if (problem === 'none') continue
      const key = `${job.layout}\0${href}`
      if (seen.has(key)) continue
      seen.add(key)
      const guess = problem === 'missing' ? suggest(href.slice(base.length), pageUrls) : undefined
      const message =
        problem === 'outside-base'
          ? `link "${href}" in the "${job.layout}" layout (on /${pageUrl}) does not start with the base path ${base}`
          : `link "${href}" in the "${job.layout}" layout (on /${pageUrl}) points to nothing in the site${guess ? `; did you mean ${base}${guess}?` : ''}`
      diagnostics.push(createDiagnostic(layoutFile(job.layout), 'error', 'link/broken-in-template', message, undefined, "write site links with the url filter, e.g. {{ '/assets/berth.css' | url }}"))
    }
  }
  return diagnostics
}

type Problem = 'outside-base' | 'missing'

function problemWith(href: string, pageUrl: string, base: string, targets: LinkTargets): Problem | undefined {
  if (href.startsWith('/') && !href.startsWith('//') && !href.startsWith(base) && `${href}/` !== base) return 'outside-base'
  const target = resolveInternalLink(href, base + pageUrl)
  if (!target) return undefined
  const path = `/${target.path}`.slice(base.length)
  if (targets.files.has(path) || targets.idsByUrl.has(path) || targets.idsByUrl.has(`${path}/`) || targets.files.has(`${path}index.html`)) return undefined
  return 'missing'
}

function decodeAttribute(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
}
