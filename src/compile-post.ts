import type { ResolvedConfig } from './config.ts'
import { readSourceFile } from './load/content.ts'
import { loadPage } from './load/load-pages.ts'
import type { SiteMap } from './load/site-map.ts'
import type { MarkdownProcessor } from './markdown/processor.ts'
import { renderMarkdown, toRenderedPage, type MarkdownResult } from './markdown/render-markdown.ts'
import type { Diagnostic, RenderedPage } from './types.ts'

/** What one content file turns into: its rendered page (unless it failed or is a hidden draft) and its problems. */
export type PostResult = {
  file: string
  /** The page's url whenever front matter could be read, drafts included (the site map check needs it). */
  url?: string
  page?: RenderedPage
  /** The body and what markdown made of it, reusable while the body is unchanged. */
  markdown?: { body: string; result: MarkdownResult }
  diagnostics: Diagnostic[]
}

export type PostContext = { config: ResolvedConfig; siteMap: SiteMap; processor: MarkdownProcessor; realRoot: string }

/**
 * The per-post chain, load then markdown: it needs only the file and a narrow context. When `previous`
 * holds the same body, its markdown result is reused (front matter or site map changes skip the parser).
 */
export async function compilePost(file: string, context: PostContext, previous?: PostResult): Promise<PostResult> {
  const { config } = context
  const source = await readSourceFile(config.root, context.realRoot, file)
  if (!source.value) return { file, diagnostics: source.diagnostics }
  const page = loadPage(source.value, context.siteMap, config)
  if (!page.value) return { file, diagnostics: page.diagnostics }
  const { body } = page.value
  if (page.value.data.draft === true && !config.drafts) return { file, url: page.value.url, diagnostics: page.diagnostics }
  const reused = previous?.markdown?.body === body ? previous.markdown.result : undefined
  const result = reused ?? renderMarkdown(page.value, context.processor)
  if ('failed' in result) return { file, url: page.value.url, diagnostics: [...page.diagnostics, ...result.failed] }
  return {
    file,
    url: page.value.url,
    page: toRenderedPage(page.value, result),
    markdown: { body, result },
    diagnostics: [...page.diagnostics, ...result.diagnostics],
  }
}
