import { VFile } from 'vfile'
import { createDiagnostic, diagnosticsFromVFile } from '../diagnostics.ts'
import { titleFromUrl } from '../load/url.ts'
import type { Diagnostic, Page, RenderedPage } from '../types.ts'
import './file-data.ts'
import type { MarkdownProcessor } from './processor.ts'

/** The markdown stage for one page: body to HTML, with its headings, toc, images and title. */
export function renderPageMarkdown(page: Page, processor: MarkdownProcessor): { value?: RenderedPage; diagnostics: Diagnostic[] } {
  const file = new VFile({ path: page.source.path, value: page.body })
  let html: string
  try {
    html = String(processor.processSync(file))
  } catch (error) {
    // Pathological nesting (thousands of `>` or list levels) can exhaust the stack in the parser.
    if (error instanceof RangeError) {
      return { diagnostics: [createDiagnostic(page.source.relPath, 'error', 'markdown/too-deep', 'the markdown is nested too deeply to render', undefined, 'reduce the nesting of blockquotes or lists')] }
    }
    throw error
  }
  const { data } = file
  return {
    value: {
      ...page,
      title: page.title ?? data.title ?? (titleFromUrl(page.url) || 'Home'),
      html,
      excerpt: data.excerpt ?? '',
      headings: data.headings ?? [],
      toc: data.toc ?? [],
      links: data.links ?? [],
      images: data.images ?? [],
    },
    diagnostics: diagnosticsFromVFile(file, page.source.relPath),
  }
}
