import type { ResolvedConfig } from './config.ts'
import { readSourceFile } from './load/content.ts'
import { loadPage } from './load/load-pages.ts'
import type { SiteMap } from './load/site-map.ts'
import type { MarkdownProcessor } from './markdown/processor.ts'
import { renderPageMarkdown } from './markdown/render-markdown.ts'
import type { Diagnostic, RenderedPage } from './types.ts'

/** What one content file turns into: its rendered page (unless it failed or is a hidden draft) and its problems. */
export type PostResult = {
  file: string
  /** The page's url whenever front matter could be read, drafts included (the site map check needs it). */
  url?: string
  page?: RenderedPage
  diagnostics: Diagnostic[]
}

export type PostContext = { config: ResolvedConfig; siteMap: SiteMap; processor: MarkdownProcessor; realRoot: string }

/** The per-post chain, load then markdown: it needs only the file and a narrow context. */
export async function compilePost(file: string, context: PostContext): Promise<PostResult> {
  const { config } = context
  const source = await readSourceFile(config.root, context.realRoot, file)
  if (!source.value) return { file, diagnostics: source.diagnostics }
  const page = loadPage(source.value, context.siteMap, config)
  if (!page.value) return { file, diagnostics: page.diagnostics }
  if (page.value.data.draft === true && !config.drafts) return { file, url: page.value.url, diagnostics: page.diagnostics }
  const rendered = renderPageMarkdown(page.value, context.processor)
  return {
    file,
    url: page.value.url,
    ...(rendered.value ? { page: rendered.value } : {}),
    diagnostics: [...page.diagnostics, ...rendered.diagnostics],
  }
}
