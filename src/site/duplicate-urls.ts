import path from 'node:path'
import { createDiagnostic } from '../diagnostics.ts'
import { isFolderIndex } from '../load/url.ts'
import type { Diagnostic, Page } from '../types.ts'

/**
 * Two pages may not share a url: each gets an error naming the other file. Two indexes of one folder
 * (`README.md` and `index.md`) are told apart, since no front matter clashes there.
 */
export function findDuplicateUrls(pages: readonly Page[]): Diagnostic[] {
  const byUrl = new Map<string, Page[]>()
  for (const page of pages) {
    const same = byUrl.get(page.url)
    if (same) same.push(page)
    else byUrl.set(page.url, [page])
  }
  const diagnostics: Diagnostic[] = []
  for (const [url, same] of byUrl) {
    if (same.length < 2) continue
    const indexes = same.every((page) => page.data.url === undefined && isFolderIndex(path.basename(page.source.path)))
    for (const page of same) {
      const others = same.filter((p) => p !== page).map((p) => p.source.relPath)
      diagnostics.push(
        indexes
          ? createDiagnostic(page.source.relPath, 'error', 'page/duplicate-index', `folder /${url} has two index pages: ${page.source.relPath} and ${others.join(', ')}`, undefined, 'keep one README.md or index.md per folder, and merge or rename the other')
          : createDiagnostic(page.source.relPath, 'error', 'page/duplicate-url', `url "/${url}" is also used by ${others.join(', ')}`, page.keyPositions.url, 'give each post its own `url` in front matter'),
      )
    }
  }
  return diagnostics
}
