import { realpath } from 'node:fs/promises'
import path from 'node:path'
import type { ResolvedConfig } from '../config.ts'
import { createDiagnostic } from '../diagnostics.ts'
import { listTree } from '../list-tree.ts'
import { compareByPath, isInside, toPosix } from '../paths.ts'
import type { Diagnostic, OutputFile, RenderedPage, Result } from '../types.ts'

/**
 * Every file to copy: the theme's `assets/`, then the site's `templates/assets/`, then the site's `assets/`
 * (a later one overrides an earlier one at the same path), plus images that posts keep beside them in content/.
 */
export async function collectAssets(config: ResolvedConfig, pages: readonly RenderedPage[]): Promise<Result<OutputFile[]>> {
  const files = await collectAssetFiles(config)
  return { value: withContentImages(files.value, pages), diagnostics: files.diagnostics }
}

/** The files of the asset folders (theme, site templates, site), each later one overriding the earlier. */
export async function collectAssetFiles(config: ResolvedConfig): Promise<Result<OutputFile[]>> {
  const byPath = new Map<string, string>()
  const diagnostics: Diagnostic[] = []
  const realRoot = await realpath(config.root)
  const sources = [...new Set([path.join(config.themeDir, 'assets'), path.join(config.templatesDir, 'assets')])]
  for (const dir of [...sources, config.assetsDir]) {
    for (const { file, link } of listFiles(dir)) {
      // Theme files live with berth; the site's own assets must stay inside the site (only links can leave it).
      if (dir === config.assetsDir && link && !isInside(realRoot, await realpath(file).catch(() => file))) {
        diagnostics.push(createDiagnostic(toPosix(path.relative(config.root, file)), 'error', 'asset/outside-site', 'asset is a link to a file outside the site', undefined, 'copy the file into assets/ instead of linking to it'))
        continue
      }
      byPath.set(`assets/${toPosix(path.relative(dir, file))}`, file)
    }
  }
  return { value: [...byPath].map(([p, from]) => ({ path: p, from })), diagnostics }
}

/** Add the images (and linked files) posts keep beside them in content/, published where they lie. */
export function withContentImages(assetFiles: readonly OutputFile[], pages: readonly RenderedPage[], linkedFiles: readonly OutputFile[] = []): OutputFile[] {
  const byPath = new Map(assetFiles.map((f) => [f.path, f]))
  for (const file of linkedFiles) byPath.set(file.path, file)
  for (const page of pages) {
    for (const image of page.images) if (!image.url.startsWith('/assets/')) byPath.set(image.url.slice(1), { path: image.url.slice(1), from: image.path })
  }
  return [...byPath.values()].sort(compareByPath)
}

function listFiles(dir: string): { file: string; link: boolean }[] {
  try {
    // Dotfiles (.DS_Store, .gitkeep) are not part of the site.
    return listTree(dir)
      .filter(({ relPath, dirent }) => !dirent.isDirectory() && !toPosix(relPath).split('/').some((s) => s.startsWith('.')))
      .map(({ relPath, dirent }) => ({ file: path.join(dir, relPath), link: dirent.isSymbolicLink() }))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}
