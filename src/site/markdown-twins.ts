import type { ResolvedConfig } from '../config.ts'
import { absoluteUrl, withBase } from '../paths.ts'
import type { LinkHref, OutputFile, RenderedPage } from '../types.ts'
import type { Site } from './build-site.ts'
import { perPage, type SiteMemo } from './site-memo.ts'

// Any origin serves to resolve a relative href against a page's path; only the path is kept.
const PLACEHOLDER_ORIGIN = 'http://berth.invalid'

/**
 * A twin with its links to other posts filled in: each slot gets the href the page's HTML got, made
 * absolute (the origin stays a token until the twin is written, like the rest).
 */
export function fillTwinSlots(page: Pick<RenderedPage, 'twin' | 'twinTokens' | 'url'>, slots: readonly LinkHref[], base: string): string {
  if (slots.length === 0) return page.twin
  const { origin } = page.twinTokens
  const from = PLACEHOLDER_ORIGIN + withBase(base, page.url)
  const hrefs = new Map(slots.map(({ slot, href }) => {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) return [slot, href]
    // A root-relative href with no dot segments is already the path the URL would give.
    if (href.startsWith('/') && !/\/\.\.?(?:[/?#]|$)/.test(href)) return [slot, `${origin}${href}`]
    const resolved = new URL(href, from)
    return [slot, `${origin}${resolved.pathname}${resolved.search}${resolved.hash}`]
  }))
  const prefix = slots[0]!.slot.replace(/\d+$/, '')
  return page.twin.replace(new RegExp(`${prefix}\\d+`, 'g'), (slot) => hrefs.get(slot) ?? slot)
}

/** Where a page's markdown twin is published: beside its `index.html`. */
export function twinPath(page: Pick<RenderedPage, 'outputPath'>): string {
  return page.outputPath.replace(/\.html$/, '.md')
}

/** The twin's url, as the page's `<link rel="alternate">` and llms.txt name it. */
export function twinUrl(page: Pick<RenderedPage, 'outputPath'>, config: Pick<ResolvedConfig, 'siteUrl' | 'base'>): string {
  return absoluteUrl(config.siteUrl, config.base, twinPath(page))
}

/**
 * Every post as markdown at `…/post/index.md`: its title as a `#` heading, then its text with every url absolute (root-relative when the site has no url).
 */
export function renderMarkdownTwins(site: Pick<Site, 'pages' | 'config'>, memo?: SiteMemo['twins']): OutputFile[] {
  const { config } = site
  const origin = config.siteUrl ? new URL(config.siteUrl).origin : ''
  const context = `${config.siteUrl ?? ''} ${config.base}`
  return site.pages.map((page) =>
    perPage(memo, page, context, () => {
      const tokens = page.twinTokens
      const text = page.twin.replaceAll(tokens.origin, origin).replaceAll(tokens.page, absoluteUrl(config.siteUrl, config.base, page.url))
      return { path: twinPath(page), contents: `# ${page.title}\n\n${text}` }
    }),
  )
}
