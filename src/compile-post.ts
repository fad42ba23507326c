import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import type { CarriedMap, ImageStamp, MarkdownEntry } from './build-cache.ts'
import type { ResolvedConfig } from './config.ts'
import { digestOf } from './digest-files.ts'
import type { CachedFrontMatter } from './load/front-matter.ts'
import { readSourceFile } from './load/content.ts'
import { loadPage } from './load/load-pages.ts'
import type { SiteMap } from './load/site-map.ts'
import type { MarkdownProcessor } from './markdown/processor.ts'
import { chooseThreads, createMarkdownPool } from './markdown/markdown-pool.ts'
import type { MarkdownSettings } from './markdown/markdown-settings.ts'
import { renderMarkdown, toRenderedPage, type MarkdownOutcome } from './markdown/render-markdown.ts'
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
  /** The body and what markdown made of it, reusable while the body and its images are unchanged. */
  markdown?: { body: string; entry: MarkdownEntry }
}

export type PostContext = { config: ResolvedConfig; siteMap: SiteMap; realRoot: string; frontMatter?: CarriedMap<CachedFrontMatter> }

/** The load stage for one file: read it, split its front matter, give it a url and a title. */
export async function loadPost(file: string, context: PostContext): Promise<LoadedPost> {
  const { config } = context
  const source = await readSourceFile(config.root, context.realRoot, file)
  if (!source.value) return { file, diagnostics: source.diagnostics }
  const page = loadPage(source.value, context.siteMap, config, context.frontMatter)
  if (!page.value) return { file, diagnostics: page.diagnostics }
  if (page.value.data.draft === true && !config.drafts) return { file, url: page.value.url, diagnostics: page.diagnostics }
  return { file, url: page.value.url, page: page.value, diagnostics: page.diagnostics }
}

export type RenderPostsOptions = {
  /** The processor for posts rendered in this thread, made only when there are some. */
  processor: () => Promise<MarkdownProcessor>
  /** What worker threads need to build the same processor; with the salt, part of every cache key. */
  settings: MarkdownSettings
  salt: string
  /** Markdown results by key: the cache's, or the dev server's memory. */
  cache?: CarriedMap<MarkdownEntry> | undefined
  /** The post as it was before, in the dev server: its result is reused while its body is the same. */
  previous?: (file: string) => PostResult | undefined
  /** Worker threads to use; by default one per core when there are enough posts to render (see chooseThreads). */
  threads?: number | undefined
}

/**
 * The markdown stage for every loaded post: a result is reused while the post's body, path and the
 * settings are the same and every image it measured is unchanged; the rest are rendered in a pool of
 * worker threads, or in this thread when there are few. Either way the results are the same.
 */
export async function renderPosts(loaded: readonly LoadedPost[], options: RenderPostsOptions): Promise<{ posts: PostResult[]; threads: number; reused: number; rendered: number }> {
  const outcomes = new Map<LoadedPost, MarkdownEntry | { failed: Diagnostic[] }>()
  const misses: (LoadedPost & { page: Page })[] = []
  const keyOf = (page: Page) => markdownKey(options.salt, options.settings, page)
  for (const post of loaded) {
    if (!post.page) continue
    const before = options.previous?.(post.file)?.markdown
    const entry = before?.body === post.page.body ? before.entry : options.cache?.get(keyOf(post.page))
    const images = entry && currentStamps(entry.images)
    if (!entry || !images) {
      misses.push(post as LoadedPost & { page: Page })
      continue
    }
    // Same bytes under new dates: the entry keeps the new stamps, so the images are not read again.
    const current = images === entry.images ? entry : { ...entry, images }
    if (current !== entry) options.cache?.set(keyOf(post.page), current)
    outcomes.set(post, current)
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
    const outcome = rendered[i]!
    if ('failed' in outcome) return outcomes.set(post, outcome)
    const entry = { result: outcome, images: outcome.images.map((image) => stampOf(image.path)) }
    outcomes.set(post, entry)
    // Results with errors are rendered again next time, so their diagnostics are always fresh.
    if (!outcome.diagnostics.some((d) => d.severity === 'error')) options.cache?.set(keyOf(post.page), entry)
  })
  return { posts: loaded.map((post) => withMarkdown(post, outcomes.get(post))), threads, reused: outcomes.size - misses.length, rendered: misses.length }
}

/** What a post's HTML is made from: berth's code, the markdown settings, the post's path and body. */
function markdownKey(salt: string, settings: MarkdownSettings, page: Page): string {
  return createHash('sha256').update(salt).update('\0').update(JSON.stringify(settings)).update('\0').update(page.source.path).update('\0').update(page.body).digest('base64url')
}

function stampOf(file: string): ImageStamp {
  const info = statSync(file, { throwIfNoEntry: false })
  return { path: file, size: info?.size ?? -1, mtimeMs: info?.mtimeMs ?? -1, digest: info ? digestOf(readFileSync(file)) : '' }
}

/**
 * The stamps of the images a result measured as they lie now, when every one has the bytes it had
 * (their sizes are in the HTML): the same stamps when size and date are unchanged, fresh ones when
 * only the date moved; undefined when any image changed or went.
 */
function currentStamps(images: ImageStamp[]): ImageStamp[] | undefined {
  let changed = false
  const now = images.map((image) => {
    const info = statSync(image.path, { throwIfNoEntry: false })
    if (info && info.size === image.size && info.mtimeMs === image.mtimeMs) return image
    changed = true
    return info && info.size === image.size ? stampOf(image.path) : undefined
  })
  if (!changed) return images
  return now.every((stamp, i) => stamp?.digest === images[i]!.digest) ? (now as ImageStamp[]) : undefined
}

/** A loaded post joined with what markdown made of its body (nothing, for a post that did not load). */
function withMarkdown(loaded: LoadedPost, outcome?: MarkdownEntry | { failed: Diagnostic[] }): PostResult {
  const { page, ...rest } = loaded
  if (!page || !outcome) return rest
  if ('failed' in outcome) return { ...rest, diagnostics: [...rest.diagnostics, ...outcome.failed] }
  const { result } = outcome
  return { ...rest, page: toRenderedPage(page, result), markdown: { body: page.body, entry: outcome }, diagnostics: [...rest.diagnostics, ...result.diagnostics] }
}
