import { buildCacheFile, readBuildCache } from '../build-cache.ts'
import type { ConfigOverrides, ResolvedConfig } from '../config.ts'
import { runPipeline, type PipelineState } from '../pipeline.ts'
import type { Diagnostic, OutputFile } from '../types.ts'
import { imageCacheDir } from '../paths.ts'
import type { Change } from './plan.ts'

/** What one (re)build of the dev site did. */
export type DevBuildResult = {
  ok: boolean
  diagnostics: Diagnostic[]
  /** Output paths whose bytes changed, appeared or disappeared (`a/b/index.html`). */
  changed: string[]
  /** How many pages were rendered again. */
  rendered: number
}

export type DevBuild = {
  /** The config the last good build used. */
  config(): ResolvedConfig | undefined
  /** The last good output at a path, if any. */
  lookup(outputPath: string): OutputFile | undefined
  /** The diagnostics of the latest build, good or not. */
  diagnostics(): Diagnostic[]
  /** Apply a batch of file changes; the first call (no changes) builds everything. */
  rebuild(changes?: readonly Change[]): Promise<DevBuildResult>
}

/**
 * The dev server's build: the pipeline of `berth build`, with its state kept in memory, so each save
 * redoes only what it reaches (dev/plan.ts decides). The first run starts from the cache `berth build`
 * left. The search index is made once; the last good output stays served while the site has errors.
 */
export function createDevBuild(root: string, overrides: ConfigOverrides = {}): DevBuild {
  let state: PipelineState | undefined
  let config: ResolvedConfig | undefined
  let outputs = new Map<string, OutputFile>()
  let latest: Diagnostic[] = []
  return {
    config: () => config,
    lookup: (outputPath) => outputs.get(outputPath),
    diagnostics: () => latest,
    async rebuild(changes = []) {
      const run = await runPipeline(state, {
        root,
        overrides: { ...overrides, drafts: true },
        ...(state ? { changes } : { cache: readBuildCache(buildCacheFile(root)) }),
        search: 'first-run',
        images: { cacheDir: imageCacheDir(root) },
      })
      // A run that could not read the config leaves no state: the next one starts over.
      state = run.state
      const { result } = run
      // The preview is published nowhere: where the site will be is no concern of it.
      latest = result.diagnostics.filter((d) => d.ruleId !== 'config/missing-site-url')
      if (!result.ok) return { ok: false, diagnostics: latest, changed: [], rendered: result.rendered }
      const accepted = new Map(result.files.map((file) => [file.path, file]))
      const changed = diffOutputs(outputs, accepted, new Set(changes.filter((c) => c.kind === 'asset').map((c) => c.path)))
      outputs = accepted
      config = result.config
      return { ok: true, diagnostics: latest, changed, rendered: result.rendered }
    },
  }
}

/** The same digest (a page rendered again into the same bytes), or else the same text or loader. */
function sameContents(a: OutputFile, b: OutputFile): boolean {
  if (a.digest !== undefined && b.digest !== undefined) return a.digest === b.digest
  return a.contents === b.contents && a.load === b.load
}

/** Paths whose content differs; assets are compared by source file and by whether that file changed. */
function diffOutputs(before: ReadonlyMap<string, OutputFile>, after: ReadonlyMap<string, OutputFile>, touchedFiles: ReadonlySet<string>): string[] {
  const changed: string[] = []
  for (const [file, output] of after) {
    const old = before.get(file)
    if (!old || !sameContents(old, output) || old.from !== output.from || (output.from !== undefined && touchedFiles.has(output.from))) changed.push(file)
  }
  for (const file of before.keys()) if (!after.has(file)) changed.push(file)
  return changed.sort()
}
