import type { ResolvedConfig } from '../config.ts'
import { createImageProber } from './probe-image.ts'
import { createMarkdownProcessor, type MarkdownProcessor } from './processor.ts'

/**
 * Everything a post's HTML depends on besides its own text. Plain data, so that worker threads can
 * build the same processor from it, and the cache can key its entries on it.
 */
export type MarkdownSettings = {
  root: string
  assetsDir: string
  contentDir: string
  base: string
  toc: ResolvedConfig['toc']
  rawHtml: ResolvedConfig['markdown']['rawHtml']
}

/** The markdown settings of a site's config. */
export function markdownSettings(config: ResolvedConfig): MarkdownSettings {
  const { root, assetsDir, contentDir, base, toc, markdown } = config
  return { root, assetsDir, contentDir, base, toc, rawHtml: markdown.rawHtml }
}

/** The site's markdown processor; `postUrls` gives the url of a post by source path, for links to `.md` files. */
export function createSiteProcessor(settings: MarkdownSettings, postUrls: ReadonlyMap<string, string>): MarkdownProcessor {
  return createMarkdownProcessor({
    assetsDir: settings.assetsDir,
    contentDir: settings.contentDir,
    base: settings.base,
    toc: settings.toc,
    probeImage: createImageProber(settings.root),
    resolvePost: (file) => postUrls.get(file),
    rawHtml: settings.rawHtml,
  })
}
