import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ResolvedConfig } from '../config.ts'
import { createDiagnostic } from '../diagnostics.ts'
import { isInside, isRootRelative, toPosix } from '../paths.ts'
import type { Diagnostic, OutputFile } from '../types.ts'
import { resolveInternalLink } from './links.ts'

const CSS_URL = /url\(\s*['"]?([^'")]+)['"]?\s*\)/g

/**
 * Files in the site's `assets/` that no page, layout or stylesheet refers to: a warning each, since they
 * are usually left over from a renamed image. The theme's own files are not counted.
 */
export function findUnusedAssets(files: readonly OutputFile[], config: ResolvedConfig): Diagnostic[] {
  const used = new Set<string>()
  // Root-relative urls (every page's stylesheet, script and icons) mean the same from every page: resolved once each.
  const noted = new Set<string>()
  const note = (href: string, fromPath: string) => {
    const rootRelative = isRootRelative(href)
    if (rootRelative && noted.has(href)) return
    if (rootRelative) noted.add(href)
    const target = resolveInternalLink(href, fromPath)
    if (target && `/${target.path}`.startsWith(config.base)) used.add(`/${target.path}`.slice(config.base.length))
  }
  for (const file of files) {
    const from = config.base + file.path.replace(/[^/]*$/, '')
    if (file.page) for (const url of file.page.fileUrls) note(url, from)
    else if (file.from && file.path.endsWith('.css')) for (const m of readFileSync(file.from, 'utf8').matchAll(CSS_URL)) note(m[1]!, from)
  }
  return files
    .filter((file) => file.from !== undefined && isInside(config.assetsDir, file.from) && !used.has(file.path))
    .map((file) =>
      createDiagnostic(toPosix(path.relative(config.root, file.from!)), 'warning', 'asset/unused', `asset is not used by any page (published at /${file.path})`, undefined, 'link it from a post, or delete it'),
    )
}
