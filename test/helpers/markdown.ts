import path from 'node:path'
import { VFile } from 'vfile'
import { diagnosticsFromVFile } from '../../src/diagnostics.ts'
import { createMarkdownProcessor, type MarkdownOptions } from '../../src/markdown/processor.ts'
import type { ImageProbe } from '../../src/markdown/probe-image.ts'

export const SITE = '/site'

/** Run berth's real markdown processor on a snippet, with images answered from a table instead of disk. */
export function renderSnippet(markdown: string, options: Partial<MarkdownOptions> & { images?: Record<string, ImageProbe> } = {}) {
  const images = options.images ?? {}
  const processor = createMarkdownProcessor({
    assetsDir: path.join(SITE, 'assets'),
    contentDir: path.join(SITE, 'content'),
    base: options.base ?? '/',
    toc: options.toc ?? { minDepth: 2, maxDepth: 3 },
    probeImage: options.probeImage ?? ((file) => images[file] ?? { problem: 'missing' }),
    ...(options.rawHtml ? { rawHtml: options.rawHtml } : {}),
  })
  const file = new VFile({ path: path.join(SITE, 'content/post.md'), value: markdown })
  const html = String(processor.processSync(file))
  return { html, data: file.data, diagnostics: diagnosticsFromVFile(file, 'content/post.md') }
}
