import { absoluteUrl } from '../paths.ts'
import type { OutputFile } from '../types.ts'
import type { Site } from './build-site.ts'
import { escapeXml, isoDateTime } from './xml.ts'

/**
 * `sitemap.xml` of every public page (drafts never reach it) and `robots.txt` naming it. Sitemaps need
 * absolute urls, so without a site url only robots.txt is written (and the build warns).
 */
export function renderSitemap(site: Site, pagePaths: readonly string[]): OutputFile[] {
  const { config } = site
  const robots = ['User-agent: *', 'Allow: /']
  if (!config.siteUrl) return [{ path: 'robots.txt', contents: `${robots.join('\n')}\n` }]
  const dates = new Map(site.pages.map((p) => [p.outputPath, p.data.updated ?? p.date]))
  const urls = pagePaths
    .filter((p) => p !== '404.html')
    .sort()
    .map((p) => {
      const lastmod = dates.get(p)
      return `  <url><loc>${escapeXml(absoluteUrl(config.siteUrl, config.base, p.replace(/index\.html$/, '')))}</loc>${lastmod ? `<lastmod>${isoDateTime(lastmod)}</lastmod>` : ''}</url>`
    })
  const xml = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n')
  robots.push(`Sitemap: ${absoluteUrl(config.siteUrl, config.base, 'sitemap.xml')}`)
  return [
    { path: 'sitemap.xml', contents: xml },
    { path: 'robots.txt', contents: `${robots.join('\n')}\n` },
  ]
}
