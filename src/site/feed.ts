import { newestFirst } from '../load/dates.ts'
import { htmlText } from '../markdown/html-text.ts'
import { absoluteUrl } from '../paths.ts'
import type { OutputFile, RenderedPage } from '../types.ts'
import type { Site } from './build-site.ts'
import { perPage, urlContext, type SiteMemo } from './site-memo.ts'
import { escapeXml, isoDateTime } from './xml.ts'

/** How many posts the feed carries, newest first. */
export const FEED_SIZE = 20

/** Posts that readers follow: dated posts, newest first, then by url for a stable order. */
export function feedPosts(site: Site): RenderedPage[] {
  return site.pages.filter((p) => p.date).sort((a, b) => newestFirst(a.date, b.date) || (a.url < b.url ? -1 : 1))
}

/**
 * `feed.xml`: an Atom feed of the newest posts with their full content. Root-relative urls in the
 * content become absolute, and `xml:base` resolves relative ones, so entries work in any reader.
 * Its `updated` is the newest post's date, never the build time, so output stays repeatable.
 */
export function renderFeed(site: Site, memo?: SiteMemo['feedEntries']): OutputFile {
  const { config } = site
  const url = (path: string) => absoluteUrl(config.siteUrl, config.base, path)
  const origin = config.siteUrl ? new URL(config.siteUrl).origin : ''
  const posts = feedPosts(site).slice(0, FEED_SIZE)
  const newest = posts.map((p) => p.data.updated ?? p.date!).sort().at(-1)
  const context = urlContext(config)
  const entries = posts.map((page) => perPage(memo, page, context, () => {
    const html = origin ? absoluteUrls(htmlText(page), origin) : htmlText(page)
    return [
      '  <entry>',
      `    <title>${escapeXml(page.title)}</title>`,
      `    <link href="${escapeXml(url(page.url))}"/>`,
      `    <id>${escapeXml(url(page.url))}</id>`,
      `    <published>${isoDateTime(page.date!)}</published>`,
      `    <updated>${isoDateTime(page.data.updated ?? page.date!)}</updated>`,
      ...page.tags.map((tag) => `    <category term="${escapeXml(tag)}"/>`),
      `    <summary>${escapeXml(page.data.description ?? page.excerpt)}</summary>`,
      `    <content type="html" xml:base="${escapeXml(url(page.url))}">${escapeXml(html)}</content>`,
      '  </entry>',
    ].join('\n')
  }))
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(config.language)}">`,
    `  <title>${escapeXml(config.title)}</title>`,
    ...(config.description ? [`  <subtitle>${escapeXml(config.description)}</subtitle>`] : []),
    `  <link href="${escapeXml(url('feed.xml'))}" rel="self" type="application/atom+xml"/>`,
    `  <link href="${escapeXml(url(''))}"/>`,
    `  <id>${escapeXml(url(''))}</id>`,
    `  <updated>${newest ? isoDateTime(newest) : '1970-01-01T00:00:00Z'}</updated>`,
    '  <generator>berth</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n')
  return { path: 'feed.xml', contents: xml }
}

/** A page's HTML with its root-relative `href`, `src` and `srcset` urls made absolute, for feed readers that show it elsewhere. */
function absoluteUrls(html: string, origin: string): string {
  return html
    .replace(/(\s(?:href|src)=")\/(?!\/)/g, `$1${origin}/`)
    .replace(/(\ssrcset=")([^"]*)"/g, (_, attribute: string, list: string) => `${attribute}${list.replace(/(^|,\s*)\/(?!\/)/g, `$1${origin}/`)}"`)
}
