import type { OutputFile, RenderedPage } from '../types.ts'
import type { Site } from './build-site.ts'
import { twinUrl } from './markdown-twins.ts'
import { perPage, urlContext, type SiteMemo } from './site-memo.ts'

/**
 * `llms.txt` at the site's root, as the llms.txt proposal lays it out: the site's title as a `#`
 * heading, its description as a quote, then one `##` section per series (in the site's order) listing
 * each post's markdown twin with its one-line summary. Posts outside any series come first, as "Pages".
 */
export function renderLlmsTxt(site: Pick<Site, 'config' | 'series'>, memo?: SiteMemo['llmsLines']): OutputFile {
  const { config } = site
  const context = urlContext(config)
  const lines = [`# ${oneLine(config.title)}`, '']
  if (config.description.trim() !== '') lines.push(`> ${oneLine(config.description)}`, '')
  for (const series of site.series) {
    if (series.pages.length === 0) continue
    const heading = series.url === '' ? 'Pages' : [...series.trail, series.title].map(oneLine).join(' › ')
    lines.push(`## ${heading}`, '', ...series.pages.map((page) => perPage(memo, page, context, () => entry(page, config))), '')
  }
  return { path: 'llms.txt', contents: `${lines.join('\n').trimEnd()}\n` }
}

function entry(page: RenderedPage, config: Site['config']): string {
  const summary = oneLine(page.data.description ?? page.excerpt)
  return `- [${oneLine(page.title).replace(/[[\]\\]/g, (c) => `\\${c}`)}](${twinUrl(page, config)})${summary ? `: ${summary}` : ''}`
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
