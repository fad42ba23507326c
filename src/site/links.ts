import { closest, distance } from 'fastest-levenshtein'
import { createDiagnostic } from '../diagnostics.ts'
import { decodeOrKeep, isExternalUrl } from '../paths.ts'
import type { Diagnostic, RenderedPage } from '../types.ts'

/** What exists in the site being built: page urls with their element ids, and every output file. */
export type LinkTargets = {
  /** Element ids by page url (`docker/intro/` → why-docker, …). */
  idsByUrl: ReadonlyMap<string, ReadonlySet<string>>
  /** Every output path (`assets/x.png`, `a/b/index.html`, `404.html`). */
  files: ReadonlySet<string>
}

/** Index the site's pages and files for link checks; linear in the size of the output. */
export function indexLinkTargets(pages: readonly RenderedPage[], outputPaths: Iterable<string>): LinkTargets {
  const files = new Set(outputPaths)
  const idsByUrl = new Map<string, Set<string>>()
  for (const path of files) if (path === 'index.html' || path.endsWith('/index.html')) idsByUrl.set(path.slice(0, -'index.html'.length), new Set())
  for (const page of pages) idsByUrl.set(page.url, new Set(page.ids))
  return { idsByUrl, files }
}

/**
 * Link targets for checks that run before one folder's files exist (the search index, while Pagefind
 * builds it): every path in `folder` counts as there, and each one asked about is noted in `assumed`,
 * for the caller to confirm once the folder is made.
 */
export function assumeFolder(targets: LinkTargets, folder: string): { targets: LinkTargets; assumed: ReadonlySet<string> } {
  const files = new PathsAssumingFolder(targets.files, folder)
  return { targets: { idsByUrl: targets.idsByUrl, files }, assumed: files.assumed }
}

/** A set of paths that also answers yes for every path in one folder, noting each such answer. */
class PathsAssumingFolder extends Set<string> {
  readonly assumed = new Set<string>()
  readonly #folder: string
  constructor(paths: Iterable<string>, folder: string) {
    super(paths)
    this.#folder = folder
  }
  override has(path: string): boolean {
    if (!path.startsWith(this.#folder)) return super.has(path)
    this.assumed.add(path)
    return true
  }
}

/** What a site-relative link points at, or undefined for links berth does not check (external, mail). */
export function resolveInternalLink(href: string, fromUrl: string): { path: string; fragment?: string } | undefined {
  if (isExternalUrl(href)) return undefined
  let url: URL
  try {
    url = new URL(href, `http://site.invalid/${fromUrl}`)
  } catch {
    return undefined
  }
  const path = decodeOrKeep(url.pathname).replace(/^\//, '')
  const fragment = url.hash ? decodeOrKeep(url.hash.slice(1)) : undefined
  return { path, ...(fragment ? { fragment } : {}) }
}

/** The page url a path names (`a/b`, `a/b/`, `a/b/index.html` → `a/b/`), or undefined when it names a file. */
function pageUrlOf(path: string, targets: LinkTargets): string | undefined {
  for (const candidate of [path, `${path}/`, path.replace(/index\.html$/, '')]) if (targets.idsByUrl.has(candidate)) return candidate
  return undefined
}

/**
 * Check every link written in every post against the site being built: the page or file must exist and
 * the `#fragment` must be an id on that page. Errors sit at the link's line, with a suggestion when a
 * target is close.
 */
export function checkPostLinks(pages: readonly RenderedPage[], targets: LinkTargets): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const pageUrls = [...targets.idsByUrl.keys()]
  for (const page of pages) {
    for (const link of page.links) {
      const target = resolveInternalLink(link.url, page.url)
      if (!target) continue
      const place = link.line ? { line: link.line, column: link.column ?? 1 } : undefined
      const url = pageUrlOf(target.path, targets)
      if (url === undefined) {
        if (targets.files.has(target.path)) continue
        const guess = suggest(target.path, pageUrls)
        diagnostics.push(createDiagnostic(page.source.relPath, 'error', 'link/broken', `link to "${link.written ?? link.url}": no page or file at /${target.path}${guess ? `; did you mean /${guess}?` : ''}`, place, 'fix the link, or remove it if the page is gone'))
        continue
      }
      if (target.fragment === undefined) continue
      const ids = targets.idsByUrl.get(url)!
      if (ids.has(target.fragment)) continue
      const where = url === page.url ? 'this page' : `/${url}`
      // GitHub finds `#Install-Docker` for the id `install-docker`; a browser does not.
      const lower = target.fragment.toLowerCase()
      const cased = ids.has(lower) ? lower : undefined
      if (cased !== undefined) {
        diagnostics.push(createDiagnostic(page.source.relPath, 'warning', 'link/anchor-case', `link to "${link.written ?? link.url}": ${where} has the id "${cased}", in lower case; browsers match ids exactly`, place, `write the fragment as #${cased}`))
        continue
      }
      const guess = suggest(target.fragment, [...ids])
      diagnostics.push(createDiagnostic(page.source.relPath, 'error', 'link/broken-anchor', `link to "${link.written ?? link.url}": ${where} has no heading or element with id "${target.fragment}"${guess ? `; did you mean #${guess}?` : ''}`, place, 'heading ids are the heading text in lower case with spaces as "-", e.g. "## Why docker?" → #why-docker'))
    }
  }
  return diagnostics
}

/** The closest candidate, when it is close enough to be a likely typo. */
export function suggest(wrong: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined
  const best = closest(wrong, candidates as string[])
  return distance(wrong, best) <= Math.max(2, Math.floor(wrong.length / 3)) ? best : undefined
}
