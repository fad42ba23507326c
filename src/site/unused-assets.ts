import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ResolvedConfig } from '../config.ts'
import { createDiagnostic } from '../diagnostics.ts'
import { isInside, isRootRelative, toPosix } from '../paths.ts'
import type { PageFacts } from '../render/page-facts.ts'
import type { Diagnostic, OutputFile } from '../types.ts'
import { resolveInternalLink } from './links.ts'

/** The site paths each page's urls name, by its facts: they depend on nothing else but the base path, which runs that share a memo share. */
export type AssetUses = WeakMap<PageFacts, string[]>

const CSS_URL = /url\(\s*['"]?([^'")]+)['"]?\s*\)/g

/**
 * Files in the site's `assets/` that no page, layout or stylesheet refers to: a warning each, since they
 * are usually left over from a renamed image. The theme's own files are not counted.
 */
export function findUnusedAssets(files: readonly OutputFile[], config: ResolvedConfig, memo: AssetUses = new WeakMap()): Diagnostic[] {
  const used = new Set<string>()
  // Root-relative urls (every page's stylesheet, script and icons) mean the same from every page: resolved once each.
  const byRootUrl = new Map<string, string | undefined>()
  const usedPath = (href: string, folder: string): string | undefined => {
    const rootRelative = isRootRelative(href)
    if (rootRelative && byRootUrl.has(href)) return byRootUrl.get(href)
    const target = resolveInternalLink(href, folder)
    const found = target && `/${target.path}`.startsWith(config.base) ? `/${target.path}`.slice(config.base.length) : undefined
    if (rootRelative) byRootUrl.set(href, found)
    return found
  }
  const usesOf = (urls: readonly string[], file: OutputFile) => {
    // The folder a file is served from: what its relative urls resolve against.
    const folder = config.base + file.path.slice(0, file.path.lastIndexOf('/') + 1)
    return urls.flatMap((url) => usedPath(url, folder) ?? [])
  }
  for (const file of files) {
    if (file.page) {
      let uses = memo.get(file.page)
      if (!uses) memo.set(file.page, (uses = usesOf(file.page.fileUrls, file)))
      for (const use of uses) used.add(use)
    } else if (file.from && file.path.endsWith('.css')) {
      for (const use of usesOf([...readFileSync(file.from, 'utf8').matchAll(CSS_URL)].map((m) => m[1]!), file)) used.add(use)
    }
  }
  return files
    .filter((file) => file.from !== undefined && isInside(config.assetsDir, file.from) && !used.has(file.path))
    .map((file) =>
      createDiagnostic(toPosix(path.relative(config.root, file.from!)), 'warning', 'asset/unused', `asset is not used by any page (published at /${file.path})`, undefined, 'link it from a post, or delete it'),
    )
}
