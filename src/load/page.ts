import path from 'node:path'
import { createDiagnostic } from '../diagnostics.ts'
import type { Diagnostic, Page, SourceFile } from '../types.ts'
import type { ParsedFrontMatter } from './front-matter.ts'
import type { SiteMap } from './site-map.ts'
import { isoDateSchema } from './dates.ts'
import type { TestedWith } from './tested-with.ts'
import { normalizePageUrl, outputPathForUrl, parentUrl, urlFromContentPath } from './url.ts'

export const DEFAULT_LAYOUT = 'post'

/** Combine a source file, its front matter and its site map entry into a page; front matter wins. */
export function createPage(
  source: SourceFile,
  frontMatter: ParsedFrontMatter,
  siteMap: SiteMap,
  contentDir: string,
): { value?: Page; diagnostics: Diagnostic[] } {
  const { data, body, keyPositions } = frontMatter
  const named = jekyllPostName(source.path)
  let url: string
  if (data.url !== undefined) {
    const normalized = normalizePageUrl(data.url)
    if ('problem' in normalized) {
      const { message, hint } = normalized.problem
      return { diagnostics: [createDiagnostic(source.relPath, 'error', 'page/invalid-url', message, keyPositions.url, hint)] }
    }
    url = normalized.url
  } else {
    // A Jekyll post's date is not part of its address: `_posts/2024-03-15-first-steps.md` → `_posts/first-steps/`.
    const relPath = path.relative(contentDir, named ? path.join(path.dirname(source.path), named.rest) : source.path)
    url = urlFromContentPath(relPath.split(path.sep).join('/'))
  }
  const entry = siteMap.byUrl.get(url)
  const title = data.title ?? entry?.title
  const date = data.date ?? entry?.created ?? named?.date
  const description = data.description ?? entry?.description
  const tested: TestedWith | undefined = data.tested && keyPositions.tested ? { versions: data.tested, file: source.relPath, position: keyPositions.tested } : (entry?.tested ?? testedAbove(siteMap, url))
  const page: Page = {
    source,
    data: { ...data, ...(description !== undefined ? { description } : {}) },
    body,
    url,
    outputPath: outputPathForUrl(url),
    layout: data.layout ?? DEFAULT_LAYOUT,
    ...(title !== undefined ? { title } : {}),
    ...(date !== undefined ? { date } : {}),
    tags: data.tags ?? entry?.tags ?? [],
    ...(tested ? { tested } : {}),
    keyPositions,
  }
  const diagnostics = named
    ? [createDiagnostic(source.relPath, 'warning', 'content/jekyll-post-name', `"${path.basename(source.path)}" is named the way Jekyll's _posts/ are: berth ${data.date === undefined && entry?.created === undefined ? `takes the date ${named.date} from it` : 'reads the date from the front matter'} and publishes the page at /${url}`, undefined, `berth needs no date in a name: rename it ${named.rest}, keep the date in front matter (date: ${named.date}), and place it in a series folder or the site map`)]
    : []
  return { value: page, diagnostics }
}

/** A post the site map does not list takes the tested versions of the nearest series or section above it that has them. */
function testedAbove(siteMap: SiteMap, url: string): TestedWith | undefined {
  for (let up = url; up !== ''; ) {
    up = parentUrl(up)
    const tested = siteMap.byUrl.get(up)?.tested
    if (tested) return tested
  }
  return undefined
}

/** `_posts/2024-03-15-first-steps.md` → its date and the rest of its name; only in a folder named `_posts`, as Jekyll has them. */
function jekyllPostName(file: string): { date: string; rest: string } | undefined {
  if (path.basename(path.dirname(file)) !== '_posts') return undefined
  const match = /^(\d{4}-\d{2}-\d{2})-(.+)$/.exec(path.basename(file))
  const date = match && isoDateSchema.safeParse(match[1])
  return date?.success ? { date: date.data, rest: match![2]! } : undefined
}
