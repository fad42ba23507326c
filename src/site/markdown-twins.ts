import type { ResolvedConfig } from '../config.ts'
import { absoluteUrl, withBase } from '../paths.ts'
import type { LinkHref, OutputFile, RenderedPage } from '../types.ts'
import { digestOf } from '../digest-files.ts'
import { asText } from '../output-contents.ts'
import type { Site } from './build-site.ts'
import { perPage, urlContext, type SiteMemo } from './site-memo.ts'

// Any origin serves to resolve a relative href against a page's path; only the path is kept.
const PLACEHOLDER_ORIGIN = 'http://berth.invalid'

/**
 * A twin with its links to other posts filled in: each slot gets the href the page's HTML got, made
 * absolute (the origin stays a token until the twin is written, like the rest).
 */
export function fillTwinSlots(page: Pick<RenderedPage, 'twin' | 'twinTokens' | 'url'>, slots: readonly LinkHref[], base: string): string {
  const twin = asText(page.twin)
  if (slots.length === 0) return twin
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
  return twin.replace(new RegExp(`${prefix}\\d+`, 'g'), (slot) => hrefs.get(slot) ?? slot)
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
 * Every post as markdown at `…/post/index.md`: its title as a `#` heading, then its text with every
 * url absolute (root-relative when the site has no url). A twin's bytes follow from the twin markdown
 * made, its links' hrefs, the page's url and title, so a digest of those names the file, and its text
 * is made only when something reads it: the writer, for the twins that changed.
 */
export function renderMarkdownTwins(site: Pick<Site, 'pages' | 'config'>, memo?: SiteMemo['twins']): OutputFile[] {
  const { config } = site
  const origin = config.siteUrl ? new URL(config.siteUrl).origin : ''
  const context = urlContext(config)
  return site.pages.map((page) =>
    perPage(memo, page, context, () => {
      const url = absoluteUrl(config.siteUrl, config.base, page.url)
      const slots = page.linkHrefs ?? []
      let text: string | undefined
      const make = () => {
        const { origin: originToken, page: pageToken } = page.twinTokens
        return `# ${page.title}\n\n${fillTwinSlots(page, slots, config.base).replaceAll(originToken, origin).replaceAll(pageToken, url)}`
      }
      return { path: twinPath(page), digest: digestOf(JSON.stringify([page.twinDigest, slots, origin, url, page.title])), load: () => (text ??= make()) }
    }),
  )
}
