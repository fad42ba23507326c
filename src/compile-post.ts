import type { ResolvedConfig } from './config.ts'
import { readSourceFile } from './load/content.ts'
import type { FrontMatterCache } from './load/front-matter-cache.ts'
import { loadPage } from './load/load-pages.ts'
import type { SiteMap } from './load/site-map.ts'
import type { MarkdownProcessor } from './markdown/processor.ts'
import type { MarkdownCache } from './markdown/markdown-cache.ts'
import { chooseThreads, createMarkdownPool } from './markdown/markdown-pool.ts'
import type { MarkdownSettings } from './markdown/markdown-settings.ts'
import { renderMarkdown, toRenderedPage, type MarkdownOutcome, type MarkdownResult } from './markdown/render-markdown.ts'
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

export type PostContext = { config: ResolvedConfig; siteMap: SiteMap; realRoot: string; frontMatterCache?: FrontMatterCache }

/** The load stage for one file: read it, split its front matter, give it a url and a title. */
export async function loadPost(file: string, context: PostContext): Promise<LoadedPost> {
  const { config } = context
  const source = await readSourceFile(config.root, context.realRoot, file)
  if (!source.value) return { file, diagnostics: source.diagnostics }
  const page = loadPage(source.value, context.siteMap, config, context.frontMatterCache)
  if (!page.value) return { file, diagnostics: page.diagnostics }
  if (page.value.data.draft === true && !config.drafts) return { file, url: page.value.url, diagnostics: page.diagnostics }
  return { file, url: page.value.url, page: page.value, diagnostics: page.diagnostics }
}

/**
 * The markdown stage for one loaded post. When `previous` holds the same body, its markdown result is
 * reused (front matter or site map changes skip the parser).
 */
export function renderPost(loaded: LoadedPost, processor: MarkdownProcessor, previous?: PostResult, cache?: MarkdownCache): PostResult {
  const { page } = loaded
  if (!page) return withMarkdown(loaded)
  const reused = previous?.markdown?.body === page.body ? previous.markdown.result : cache?.get(page)
  const result = reused ?? renderMarkdown(page, processor)
  if (!reused) cache?.set(page, result)
  return withMarkdown(loaded, result)
}

export type RenderPostsOptions = {
  /** The processor for posts rendered in this thread, made only when there are some. */
  processor: () => Promise<MarkdownProcessor>
  cache?: MarkdownCache | undefined
  /** What worker threads need to build the same processor. */
  settings: MarkdownSettings
  postUrls: ReadonlyMap<string, string>
  /** Worker threads to use; by default one per core when there are enough posts to render (see chooseThreads). */
  threads?: number | undefined
}

/**
 * The markdown stage for every loaded post: cached results where they are fresh, the rest rendered in
 * a pool of worker threads, or in this thread when there are few. Either way the results are the same.
 */
export async function renderPosts(loaded: readonly LoadedPost[], options: RenderPostsOptions): Promise<{ posts: PostResult[]; threads: number }> {
  const outcomes = new Map<LoadedPost, MarkdownOutcome>()
  const misses: (LoadedPost & { page: Page })[] = []
  for (const post of loaded) {
    if (!post.page) continue
    const cached = options.cache?.get(post.page)
    if (cached) outcomes.set(post, cached)
    else misses.push(post as LoadedPost & { page: Page })
  }
  const threads = chooseThreads(misses.length, options.threads)
  let rendered: MarkdownOutcome[]
  if (threads > 0) {
    const pool = createMarkdownPool(options.settings, threads)
    try {
      rendered = await pool.render(misses.map((post) => post.page))
    } finally {
      await pool.close()
    }
  } else if (misses.length > 0) {
    const processor = await options.processor()
    rendered = misses.map((post) => renderMarkdown(post.page, processor))
  } else {
    rendered = []
  }
  misses.forEach((post, i) => {
    outcomes.set(post, rendered[i]!)
    options.cache?.set(post.page, rendered[i]!)
  })
  return { posts: loaded.map((post) => withMarkdown(post, outcomes.get(post))), threads }
}

/** A loaded post joined with what markdown made of its body (nothing, for a post that did not load). */
function withMarkdown(loaded: LoadedPost, outcome?: MarkdownOutcome): PostResult {
  const { page, ...rest } = loaded
  if (!page || !outcome) return rest
  if ('failed' in outcome) return { ...rest, diagnostics: [...rest.diagnostics, ...outcome.failed] }
  return { ...rest, page: toRenderedPage(page, outcome), markdown: { body: page.body, result: outcome }, diagnostics: [...rest.diagnostics, ...outcome.diagnostics] }
}
