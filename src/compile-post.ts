import type { ResolvedConfig } from './config.ts'
import { readSourceFile } from './load/content.ts'
import { loadPage } from './load/load-pages.ts'
import type { SiteMap } from './load/site-map.ts'
import type { MarkdownProcessor } from './markdown/processor.ts'
import type { MarkdownCache } from './markdown/markdown-cache.ts'
import { renderMarkdown, toRenderedPage, type MarkdownResult } from './markdown/render-markdown.ts'
import type { Diagnostic, Page, RenderedPage } from './types.ts'

/** A content file after the load stage: its page, unless it failed to load or is a draft left out. */
export type LoadedPost = {
  file: string
  /** The page's url whenever front matter could be read, drafts included (the site map check needs it). */
  url?: string
  page?: Page
  diagnostics: Diagnostic[]
}

/** What one content file turns into: its rendered page (unless it failed or is a hidden draft) and its problems. */
export type PostResult = Omit<LoadedPost, 'page'> & {
  page?: RenderedPage
  /** The body and what markdown made of it, reusable while the body is unchanged. */
  markdown?: { body: string; result: MarkdownResult }
}

export type PostContext = { config: ResolvedConfig; siteMap: SiteMap; processor: MarkdownProcessor; realRoot: string }

/** The load stage for one file: read it, split its front matter, give it a url and a title. */
export async function loadPost(file: string, context: Omit<PostContext, 'processor'>): Promise<LoadedPost> {
  const { config } = context
  const source = await readSourceFile(config.root, context.realRoot, file)
  if (!source.value) return { file, diagnostics: source.diagnostics }
  const page = loadPage(source.value, context.siteMap, config)
  if (!page.value) return { file, diagnostics: page.diagnostics }
  if (page.value.data.draft === true && !config.drafts) return { file, url: page.value.url, diagnostics: page.diagnostics }
  return { file, url: page.value.url, page: page.value, diagnostics: page.diagnostics }
}

/**
 * The markdown stage for one loaded post. When `previous` holds the same body, its markdown result is
 * reused (front matter or site map changes skip the parser).
 */
export function renderPost(loaded: LoadedPost, processor: MarkdownProcessor, previous?: PostResult, cache?: MarkdownCache): PostResult {
  const { page, ...rest } = loaded
  if (!page) return rest
  const reused = previous?.markdown?.body === page.body ? previous.markdown.result : cache?.get(page)
  const result = reused ?? renderMarkdown(page, processor)
  if (!reused && cache && !('failed' in result)) cache.set(page, result)
  if ('failed' in result) return { ...rest, diagnostics: [...rest.diagnostics, ...result.failed] }
  return { ...rest, page: toRenderedPage(page, result), markdown: { body: page.body, result }, diagnostics: [...rest.diagnostics, ...result.diagnostics] }
}
