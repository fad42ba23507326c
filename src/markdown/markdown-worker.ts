import Tinypool from 'tinypool'
import { asBytes } from '../output-contents.ts'
import type { MarkdownSettings } from './markdown-settings.ts'
import { createSiteProcessor, type MarkdownProcessor } from './processor.ts'
import { renderMarkdown, type MarkdownOutcome, type MarkdownSource } from './render-markdown.ts'

/** What each pool thread is started with: the site's markdown settings. */
export type MarkdownWorkerData = { settings: MarkdownSettings }

let processor: MarkdownProcessor | undefined

/**
 * A pool thread's task: render a batch of posts with a processor built once per thread. Each post's
 * HTML and twin go back as their UTF-8 bytes: half the memory of the text most posts make (any character
 * beyond Latin-1 makes a string two bytes a character), and none of it on the main thread's heap.
 */
export default function renderBatch(sources: readonly MarkdownSource[]): MarkdownOutcome[] {
  if (!processor) {
    processor = createSiteProcessor((Tinypool.workerData as MarkdownWorkerData).settings)
  }
  const built = processor
  return sources.map((source) => {
    const outcome = renderMarkdown(source, built)
    return 'failed' in outcome ? outcome : { ...outcome, html: asBytes(outcome.html), twin: asBytes(outcome.twin) }
  })
}
