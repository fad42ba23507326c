import type { ResolvedConfig } from '../config.ts'
import { absoluteUrl } from '../paths.ts'
import type { RenderedPage } from '../types.ts'

/** What share cards and search engines read about a page: its canonical url, card image and JSON-LD. */
export type ShareData = {
  canonical: string
  image?: { url: string; width: number; height: number; alt: string }
  /** JSON-LD `Article`, safe to place inside `<script type="application/ld+json">` as it is. */
  jsonLd: string
}

/** The canonical url, the first image as the card (absolute), and JSON-LD for a post. */
export function createShareData(page: RenderedPage, config: ResolvedConfig, description: string): ShareData {
  const canonical = absoluteUrl(config.siteUrl, config.base, page.url)
  const first = page.images[0]
  const image = first ? { url: absoluteUrl(config.siteUrl, config.base, first.url), width: first.width, height: first.height, alt: page.title } : undefined
  const article = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: page.title,
    ...(description ? { description } : {}),
    ...(page.date ? { datePublished: page.date } : {}),
    ...(page.date || page.data.updated ? { dateModified: page.data.updated ?? page.date } : {}),
    ...(image ? { image: image.url } : {}),
    url: canonical,
    mainEntityOfPage: canonical,
    ...(page.tags.length > 0 ? { keywords: page.tags.join(', ') } : {}),
    publisher: { '@type': 'Organization', name: config.title },
  }
  return { canonical, ...(image ? { image } : {}), jsonLd: scriptSafeJson(article) }
}

/** JSON that cannot end its `<script>` element or open a comment: `<`, `>`, `&` and line separators escaped. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
