import path from 'node:path'
import { createDiagnostic } from '../diagnostics.ts'
import type { Diagnostic, Page, SourceFile } from '../types.ts'
import type { ParsedFrontMatter } from './front-matter.ts'
import type { SiteMap } from './site-map.ts'
import { normalizePageUrl, outputPathForUrl, urlFromContentPath } from './url.ts'

export const DEFAULT_LAYOUT = 'post'

/** Combine a source file, its front matter and its site map entry into a page; front matter wins. */
export function createPage(
  source: SourceFile,
  frontMatter: ParsedFrontMatter,
  siteMap: SiteMap,
  contentDir: string,
): { value?: Page; diagnostics: Diagnostic[] } {
  const { data, body, keyPositions } = frontMatter
  let url: string
  if (data.url !== undefined) {
    const normalized = normalizePageUrl(data.url)
    if ('problem' in normalized) {
      const { message, hint } = normalized.problem
      return { diagnostics: [createDiagnostic(source.relPath, 'error', 'page/invalid-url', message, keyPositions.url, hint)] }
    }
    url = normalized.url
  } else {
    url = urlFromContentPath(path.relative(contentDir, source.path).split(path.sep).join('/'))
  }
  const entry = siteMap.byUrl.get(url)
  const title = data.title ?? entry?.title
  const date = data.date ?? entry?.created
  const description = data.description ?? entry?.description
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
    keyPositions,
  }
  return { value: page, diagnostics: [] }
}
