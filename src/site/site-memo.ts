import type { ResolvedConfig } from '../config.ts'
import type { Diagnostic, OutputFile, RenderedPage } from '../types.ts'

/**
 * Where a link to a source path lands: a site path to check and publish under the base path; nowhere
 * (`broken`); or at something GitHub shows and the site does not publish (`unpublished`).
 */
export type Landing = { target: string; file?: OutputFile } | { broken: string } | { unpublished: string; hint: string }

/** A page with its source links resolved: the hrefs its slots got, what the links published, what was wrong with them. */
export type PageLinks = { hrefs: string; page: RenderedPage; diagnostics: Diagnostic[]; files: OutputFile[] }

/**
 * What the site stage remembers from one dev run to the next, so that a post nobody touched costs
 * next to nothing: keyed by the page objects the markdown stage hands back unchanged, or by what a
 * result depends on. Plain maps, kept in the pipeline's state; a run without a previous one starts empty.
 */
export type SiteMemo = {
  /** A page once its source links are filled in, by the page markdown made, and the landings it was resolved with. */
  postLinks: WeakMap<RenderedPage, PageLinks & { landings: Map<string, Landing> | undefined }>
  /** Each page's markdown twin as published, with the site url and base it was made for. */
  twins: PerPage<OutputFile>
  /** Each page's line of llms.txt and entry of the feed, likewise. */
  llmsLines: PerPage<string>
  feedEntries: PerPage<string>
  /**
   * Where each source link landed (a link names a file; finding out takes a `stat`), while the posts
   * and their urls (`world`) stay the same and no file came or went beside them.
   */
  landings: { world: string; byLink: Map<string, Landing> }
}

/** Something made of one page and the site's url and base (`context`): the same page object in the same context makes the same thing. */
export type PerPage<T> = WeakMap<RenderedPage, { context: string; value: T }>

export function createSiteMemo(): SiteMemo {
  return { postLinks: new WeakMap(), twins: new WeakMap(), llmsLines: new WeakMap(), feedEntries: new WeakMap(), landings: { world: '', byLink: new Map() } }
}

/** The context the per-page memos are made in: what of the config their output depends on beside the page (the site url and base path). */
export function urlContext(config: Pick<ResolvedConfig, 'siteUrl' | 'base'>): string {
  return `${config.siteUrl ?? ''} ${config.base}`
}

/** What `make` makes of `page` in `context`, from `memo` when it made it before (no memo: made every time). */
export function perPage<T>(memo: PerPage<T> | undefined, page: RenderedPage, context: string, make: () => T): T {
  const known = memo?.get(page)
  if (known?.context === context) return known.value
  const value = make()
  memo?.set(page, { context, value })
  return value
}

/** The same memo, with what it knows of the file system dropped (a file was added, changed or removed). */
export function forgetLandings(memo: SiteMemo): SiteMemo {
  return { ...memo, landings: { world: '', byLink: new Map() } }
}
