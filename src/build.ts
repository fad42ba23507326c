import path from 'node:path'
import { loadConfig, type ConfigOverrides, type ResolvedConfig } from './config.ts'
import { createDiagnostic, hasErrors, sortDiagnostics } from './diagnostics.ts'
import { loadPages } from './load/load-pages.ts'
import { createMarkdownProcessor } from './markdown/processor.ts'
import { createImageProber } from './markdown/probe-image.ts'
import { renderMarkdown } from './markdown/render-markdown.ts'
import { isInside } from './paths.ts'
import { createTemplateEngine } from './render/templates.ts'
import { renderSite } from './render/render-site.ts'
import { buildSite, type Site } from './site/build-site.ts'
import type { Diagnostic, OutputFile } from './types.ts'
import { collectAssets } from './write/assets.ts'
import { createFsWriter, type Writer } from './write/writer.ts'

export type BuildOptions = ConfigOverrides & {
  root: string
  /** Where files go; defaults to swapping them into the config's output folder. */
  writer?: Writer
  /** Run every stage and check, but write nothing. */
  dryRun?: boolean
}

export type BuildResult = {
  ok: boolean
  diagnostics: Diagnostic[]
  config?: ResolvedConfig
  site?: Site
  files: OutputFile[]
  pageCount: number
  assetCount: number
}

/** Run the chain of stages: config → load → markdown → site → render → write. Writes nothing if any error. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const failed = (diagnostics: Diagnostic[], extra: Partial<BuildResult> = {}): BuildResult => ({
    ok: false,
    diagnostics: sortDiagnostics(diagnostics),
    files: [],
    pageCount: 0,
    assetCount: 0,
    ...extra,
  })
  const configResult = await loadConfig(options.root, options)
  const config = configResult.value
  if (!config) return failed(configResult.diagnostics)
  const diagnostics: Diagnostic[] = [...configResult.diagnostics, ...checkOutputFolder(config)]
  if (hasErrors(diagnostics)) return failed(diagnostics, { config })

  const loaded = await loadPages(config)
  diagnostics.push(...loaded.diagnostics)
  const processor = createMarkdownProcessor({
    assetsDir: config.assetsDir,
    contentDir: config.contentDir,
    base: config.base,
    toc: config.toc,
    probeImage: createImageProber(config.root),
  })
  const rendered = renderMarkdown(loaded.value.pages, processor)
  diagnostics.push(...rendered.diagnostics)
  const site = buildSite(config, rendered.value, loaded.value.siteMap)
  diagnostics.push(...site.diagnostics)
  const engine = createTemplateEngine(config.templatesDir, config.themeDir, config.base)
  const pages = renderSite(site.value, engine)
  diagnostics.push(...pages.diagnostics)
  const assets = await collectAssets(config, site.value.pages)
  diagnostics.push(...assets.diagnostics)
  const files = [...pages.value, ...assets.value].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  diagnostics.push(...findClashes(files))
  if (hasErrors(diagnostics)) return failed(diagnostics, { config, site: site.value })

  if (!options.dryRun) await (options.writer ?? createFsWriter(config.outDir)).write(files)
  return {
    ok: true,
    diagnostics: sortDiagnostics(diagnostics),
    config,
    site: site.value,
    files,
    pageCount: pages.value.length,
    assetCount: assets.value.length,
  }
}

/** The output folder is replaced whole, so it must never be the site itself or hold its sources. */
function checkOutputFolder(config: ResolvedConfig): Diagnostic[] {
  const sources = [config.root, config.contentDir, config.assetsDir, config.templatesDir]
  const clash = sources.find((dir) => isInside(config.outDir, dir) || (dir !== config.root && isInside(dir, config.outDir)))
  if (!clash) return []
  const shown = path.relative(config.root, config.outDir) || '.'
  return [createDiagnostic('--out', 'error', 'config/unsafe-output', `output folder "${shown}" would replace the site's own files`, undefined, 'choose a separate folder such as dist/')]
}

/** A page and an asset at one output path (two pages at one url are reported by the site stage). */
function findClashes(files: readonly OutputFile[]): Diagnostic[] {
  const clashes: Diagnostic[] = []
  for (let i = 1; i < files.length; i++) {
    const [a, b] = [files[i - 1]!, files[i]!]
    if (a.path === b.path && (a.from !== undefined || b.from !== undefined)) {
      clashes.push(createDiagnostic(files[i]!.path, 'error', 'page/output-clash', `two outputs would be written to "${files[i]!.path}"`, undefined, 'rename the post or the asset'))
    }
  }
  return clashes
}
