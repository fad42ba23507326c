import type { Heading } from 'mdast'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import { sanitizeSchema } from './sanitize-schema.ts'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import rehypeBaseUrl from './plugins/rehype-base-url.ts'
import rehypeCodeBlocks from './plugins/rehype-code-blocks.ts'
import rehypeHeadingAnchors from './plugins/rehype-heading-anchors.ts'
import rehypeTables from './plugins/rehype-tables.ts'
import rehypeResponsiveImages from './plugins/rehype-responsive-images.ts'
import type { ImageSettings } from '../images/variants.ts'
import remarkLiquidTags from './plugins/remark-liquid-tags.ts'
import remarkDockerfileChecks from './plugins/remark-dockerfile-checks.ts'
import remarkConsolePrompts from './plugins/remark-console-prompts.ts'
import remarkDataFileChecks from './plugins/remark-data-file-checks.ts'
import rehypeCollectIds from './plugins/rehype-collect-ids.ts'
import remarkCollectLinks from './plugins/remark-collect-links.ts'
import remarkCallouts from './plugins/remark-callouts.ts'
import remarkFigures from './plugins/remark-figures.ts'
import remarkAssetImages from './plugins/remark-asset-images.ts'
import remarkDropComments from './plugins/remark-drop-comments.ts'
import remarkMarkdownTwin from './plugins/remark-markdown-twin.ts'
import remarkHeadingIds from './plugins/remark-heading-ids.ts'
import remarkPageSummary from './plugins/remark-page-summary.ts'
import remarkTocDirective from './plugins/remark-toc-directive.ts'
import remarkUndefinedImages from './plugins/remark-undefined-images.ts'
import type { MarkdownSettings } from './markdown-settings.ts'
import { createImageProber, type ImageProbe } from './probe-image.ts'

export type MarkdownOptions = {
  assetsDir: string
  contentDir: string
  /** Site base path, `/` or `/docs/`. */
  base: string
  toc: { minDepth: Heading['depth']; maxDepth: Heading['depth'] }
  probeImage: (file: string) => ImageProbe
  /** Raw HTML in posts: `keep` it as written (default), or `sanitize` it for untrusted authors. */
  rawHtml?: 'keep' | 'sanitize'
  /** Responsive images (`<picture>` with WebP and AVIF widths); off when absent. */
  responsiveImages?: ImageSettings
}

/**
 * The one place that fixes the order of berth's markdown plugins; build, dev and tests all use it.
 * Ids come before the toc (which links to them); images are resolved before remark-rehype turns
 * references into HTML; the base path is applied last, to every root-relative url.
 */
export function createMarkdownProcessor(options: MarkdownOptions) {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkCallouts)
    // Every heading gets its id, the leading `#` title too (as on GitHub), before the title leaves the body.
    .use(remarkHeadingIds)
    .use(remarkPageSummary)
    .use(remarkLiquidTags)
    // What readers copy from a Docker tutorial: its Dockerfiles, Compose and config files, terminal sessions.
    .use(remarkDockerfileChecks)
    .use(remarkDataFileChecks)
    .use(remarkConsolePrompts)
    .use(remarkTocDirective, options.toc)
    // Sanitized raw HTML becomes elements, which rehype-base-url prefixes; kept raw HTML gets its base here.
    .use(remarkAssetImages, { assetsDir: options.assetsDir, contentDir: options.contentDir, probe: options.probeImage, base: options.rawHtml === 'sanitize' ? '/' : options.base })
    .use(remarkFigures)
    .use(remarkUndefinedImages)
    .use(remarkCollectLinks, { contentDir: options.contentDir })
    // The twin is made from the resolved images and collected links, and sees the comments it leaves out.
    .use(remarkMarkdownTwin, { base: options.base, keepHtml: options.rawHtml !== 'sanitize' })
    .use(remarkDropComments)
    // Raw HTML in a post is the author's choice (`<br />` in table cells) and is kept as written,
    // unless the site publishes other people's markdown: then it is parsed and sanitized.
    .use(remarkRehype, { allowDangerousHtml: true })
  const html = options.rawHtml === 'sanitize' ? processor.use(rehypeRaw).use(rehypeSanitize, sanitizeSchema) : processor
  return html
    .use(rehypeHeadingAnchors)
    .use(rehypeCodeBlocks)
    .use(rehypeTables)
    .use(rehypeResponsiveImages, options.responsiveImages ?? { responsive: false, widths: [], sizes: '', avifAboveKb: 0 })
    .use(rehypeBaseUrl, { base: options.base })
    .use(rehypeCollectIds)
    .use(rehypeStringify, { allowDangerousHtml: options.rawHtml !== 'sanitize' })
    .freeze()
}

export type MarkdownProcessor = ReturnType<typeof createMarkdownProcessor>

/** The site's markdown processor: its settings are all a post's HTML depends on besides the post. */
export function createSiteProcessor(settings: MarkdownSettings): MarkdownProcessor {
  return createMarkdownProcessor({
    assetsDir: settings.assetsDir,
    contentDir: settings.contentDir,
    base: settings.base,
    toc: settings.toc,
    probeImage: createImageProber(settings.root),
    rawHtml: settings.rawHtml,
    responsiveImages: settings.images,
  })
}
