import type { ResolvedConfig } from '../config.ts'
import type { ImageSettings } from '../images/variants.ts'

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
  images: ImageSettings
}

/** The markdown settings of a site's config. */
export function markdownSettings(config: ResolvedConfig): MarkdownSettings {
  const { root, assetsDir, contentDir, base, toc, markdown, images } = config
  return { root, assetsDir, contentDir, base, toc, rawHtml: markdown.rawHtml, images }
}
