import { readdir, realpath } from 'node:fs/promises'
import path from 'node:path'
import type { ResolvedConfig } from '../config.ts'
import { createDiagnostic } from '../diagnostics.ts'
import { isInside, toPosix } from '../paths.ts'
import type { Diagnostic, OutputFile, RenderedPage, Result } from '../types.ts'

/**
 * Every file to copy: the theme's `assets/`, then the site's `templates/assets/`, then the site's `assets/`
 * (a later one overrides an earlier one at the same path), plus images that posts keep beside them in content/.
 */
export async function collectAssets(config: ResolvedConfig, pages: readonly RenderedPage[]): Promise<Result<OutputFile[]>> {
  const byPath = new Map<string, string>()
  const diagnostics: Diagnostic[] = []
  const realRoot = await realpath(config.root)
  const sources = [...new Set([path.join(config.themeDir, 'assets'), path.join(config.templatesDir, 'assets')])]
  for (const dir of [...sources, config.assetsDir]) {
    for (const file of await listFiles(dir)) {
      const real = await realpath(file)
      // Theme files live with berth; the site's own assets must stay inside the site.
      if (dir === config.assetsDir && !isInside(realRoot, real)) {
        diagnostics.push(createDiagnostic(toPosix(path.relative(config.root, file)), 'error', 'asset/outside-site', 'asset is a link to a file outside the site', undefined, 'copy the file into assets/ instead of linking to it'))
        continue
      }
      byPath.set(`assets/${toPosix(path.relative(dir, file))}`, file)
    }
  }
  for (const page of pages) {
    for (const image of page.images) if (!image.url.startsWith('/assets/')) byPath.set(image.url.slice(1), image.path)
  }
  const value = [...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, from]) => ({ path: p, from }))
  return { value, diagnostics }
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true })
    // Dotfiles (.DS_Store, .gitkeep) are not part of the site.
    return entries
      .filter((e) => !e.isDirectory() && !toPosix(path.relative(dir, path.join(e.parentPath, e.name))).split('/').some((s) => s.startsWith('.')))
      .map((e) => path.join(e.parentPath, e.name))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}
