import { createDiagnostic } from '../diagnostics.ts'
import { isRootRelative } from '../paths.ts'
import type { PageJob } from '../render/render-site.ts'
import type { PageFacts } from '../render/page-facts.ts'
import type { Diagnostic, OutputFile } from '../types.ts'
import { resolveInternalLink, suggest, type LinkTargets } from './links.ts'

/**
 * Check the links a layout adds around the post body (navigation, stylesheets, scripts) in every
 * rendered page, from the urls the render stage found in it. Under a base path they must start with
 * it; each broken one is reported once per layout.
 */
export function checkTemplateLinks(files: readonly OutputFile[], jobs: readonly PageJob[], targets: LinkTargets, base: string, layoutFile: (layout: string) => string, memo: LayoutProblems = new WeakMap()): Diagnostic[] {
  const jobByPath = new Map(jobs.map((job) => [job.outputPath, job]))
  const seen = new Set<string>()
  const diagnostics: Diagnostic[] = []
  const pageUrls = [...targets.idsByUrl.keys()]
  const byRootUrl = new Map<string, Problem | 'none'>()
  const problemsOf = (page: PageFacts, pageUrl: string) =>
    page.layoutUrls.flatMap((href) => {
      // A root-relative url means the same on every page, and layouts repeat theirs on every page.
      const rootRelative = isRootRelative(href)
      let problem = rootRelative ? byRootUrl.get(href) : undefined
      if (problem === undefined) {
        problem = problemWith(href, pageUrl, base, targets) ?? 'none'
        if (rootRelative) byRootUrl.set(href, problem)
      }
      return problem === 'none' ? [] : [{ href, problem }]
    })
  for (const file of files) {
    const job = jobByPath.get(file.path)
    if (!job || !file.page) continue
    const pageUrl = file.path.replace(/index\.html$/, '')
    let problems = memo.get(file.page)
    if (!problems) memo.set(file.page, (problems = problemsOf(file.page, pageUrl)))
    for (const { href, problem } of problems) {
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

/** What was wrong with each page's layout links, by its facts: it holds while the link targets stay the same. */
export type LayoutProblems = WeakMap<PageFacts, { href: string; problem: Problem }[]>

type Problem = 'outside-base' | 'missing'

function problemWith(href: string, pageUrl: string, base: string, targets: LinkTargets): Problem | undefined {
  if (isRootRelative(href) && !href.startsWith(base) && `${href}/` !== base) return 'outside-base'
  const target = resolveInternalLink(href, base + pageUrl)
  if (!target) return undefined
  const path = `/${target.path}`.slice(base.length)
  if (targets.files.has(path) || targets.idsByUrl.has(path) || targets.idsByUrl.has(`${path}/`) || targets.files.has(`${path}index.html`)) return undefined
  return 'missing'
}
