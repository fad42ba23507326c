import { createDiagnostic } from '../diagnostics.ts'
import type { Diagnostic, OutputFile } from '../types.ts'
import type { Site } from './build-site.ts'
import { renderFeed } from './feed.ts'
import { renderLlmsTxt } from './llms-txt.ts'
import { renderMarkdownTwins } from './markdown-twins.ts'
import type { SiteMemo } from './site-memo.ts'
import { renderSitemap } from './sitemap.ts'

/** The files made from the whole site beside its pages: the Atom feed, the sitemap and robots.txt, llms.txt and each post's markdown twin. */
export function renderSiteFiles(site: Site, pagePaths: readonly string[], memo?: SiteMemo): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const diagnostics = site.config.siteUrl
    ? []
    : [
        createDiagnostic(
          site.config.configFile ?? 'berth.config.json',
          'warning',
          'config/missing-site-url',
          'the site url is not set: the feed uses relative links, share cards have no absolute image, and there is no sitemap.xml',
          undefined,
          // With no config file yet, say how to make one rather than point at a file that is not there.
          site.config.configFile ? 'set "url" in the config, or pass --site-url https://…' : 'create berth.config.json holding {"url": "https://you.github.io/repo"}, or pass --site-url https://…',
        ),
      ]
  return { files: [renderFeed(site, memo?.feedEntries), ...renderSitemap(site, pagePaths), renderLlmsTxt(site, memo?.llmsLines), ...renderMarkdownTwins(site, memo?.twins)], diagnostics }
}
