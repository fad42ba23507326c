import { VFile } from 'vfile'
import { createDiagnostic, diagnosticsFromVFile } from '../diagnostics.ts'
import { digestOf } from '../digest-files.ts'
import { titleFromUrl } from '../load/url.ts'
import type { Diagnostic, Page, RenderedPage, SourceFile } from '../types.ts'
import './file-data.ts'
import { findExcessiveNesting, MAX_NESTING } from './nesting-guard.ts'
import { createTwinTokens } from './post-link-slots.ts'
import type { MarkdownProcessor } from './processor.ts'

/** What the markdown stage makes of a post's body; it depends only on the body, its path and the processor. */
export type MarkdownResult = Pick<RenderedPage, 'html' | 'htmlDigest' | 'excerpt' | 'headings' | 'toc' | 'links' | 'postLinks' | 'ids' | 'images' | 'wordCount' | 'titleId' | 'twin' | 'twinDigest' | 'twinTokens'> & {
  /** Text of a leading `#` heading, a fallback title. */
  leadTitle?: string
  diagnostics: Diagnostic[]
}

/** What the markdown stage reads of a page: its body and where it came from (a page is one). */
export type MarkdownSource = Pick<Page, 'body'> & { source: Pick<SourceFile, 'path' | 'relPath'> }

/** A rendered body, or the errors that stopped it. */
export type MarkdownOutcome = MarkdownResult | { failed: Diagnostic[] }

/** The markdown stage for one page: body to HTML, with its headings, toc and images. */
export function renderMarkdown(page: MarkdownSource, processor: MarkdownProcessor): MarkdownOutcome {
  const tooDeep = findExcessiveNesting(page.body)
  if (tooDeep) {
    const message = `the markdown is nested ${tooDeep.depth > MAX_NESTING ? 'more than ' : ''}${MAX_NESTING} levels deep (blockquotes, lists or indentation)`
    return { failed: [createDiagnostic(page.source.relPath, 'error', 'markdown/too-deep', message, { line: tooDeep.line, column: 1 }, 'nest fewer levels; no reader can follow a hundred')] }
  }
  const file = new VFile({ path: page.source.path, value: page.body })
  let html: string
  try {
    html = String(processor.processSync(file))
  } catch (error) {
    // Pathological nesting (thousands of `>` or list levels) can exhaust the stack in the parser.
    if (error instanceof RangeError) {
      return { failed: [createDiagnostic(page.source.relPath, 'error', 'markdown/too-deep', 'the markdown is nested too deeply to render', undefined, 'reduce the nesting of blockquotes or lists')] }
    }
    throw error
  }
  const { data } = file
  return {
    html,
    htmlDigest: digestOf(html),
    excerpt: data.excerpt ?? '',
    headings: data.headings ?? [],
    toc: data.toc ?? [],
    links: data.links ?? [],
    ids: data.titleId !== undefined ? [data.titleId, ...(data.ids ?? [])] : (data.ids ?? []),
    images: data.images ?? [],
    ...(data.title !== undefined ? { leadTitle: data.title } : {}),
    ...(data.titleId !== undefined ? { titleId: data.titleId } : {}),
    postLinks: data.postLinks ?? [],
    twin: data.twin ?? '',
    twinDigest: digestOf(data.twin ?? ''),
    twinTokens: data.twinTokens ?? createTwinTokens(page.body),
    wordCount: html.replace(/<[^>]*>/g, ' ').split(/\s+/).filter(Boolean).length,
    diagnostics: diagnosticsFromVFile(file, page.source.relPath),
  }
}

/** Join a page with its rendered body; the title falls back to the leading heading, then the url. */
export function toRenderedPage(page: Page, markdown: MarkdownResult): RenderedPage {
  const { html, htmlDigest, excerpt, headings, toc, links, postLinks, ids, images, wordCount, titleId, twin, twinDigest, twinTokens } = markdown
  return { ...page, title: page.title ?? markdown.leadTitle ?? (titleFromUrl(page.url) || 'Home'), ...(titleId !== undefined ? { titleId } : {}), html, htmlDigest, excerpt, headings, toc, links, postLinks, ids, images, wordCount, twin, twinDigest, twinTokens }
}
