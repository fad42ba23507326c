import path from 'node:path'
import { buildCacheFile, DamagedCacheError, emptyBuildCache, openBuildCache, writeBuildCache, type BuildCache, type BuildCacheEntries } from './build-cache.ts'
import type { ConfigOverrides } from './config.ts'
import { imageCacheDir, writerStateDir } from './paths.ts'
import type { PipelineResult, Publisher } from './pipeline.ts'
import { publishedCopies, type OutputManifest } from './write/output-manifest.ts'
import { digestBuildInputs, findUpToDate, recordBuild } from './write/up-to-date.ts'
import { createFsWriter, type Writer } from './write/writer.ts'

export type BuildOptions = ConfigOverrides & {
  root: string
  /** Where files go; defaults to swapping them into the config's output folder. */
  writer?: Writer
  /** Run every stage and check, but write nothing (`berth check`). */
  dryRun?: boolean
  /** Treat warnings as errors: nothing is written when there is any. */
  strict?: boolean
  /** Read and keep berth's cache under node_modules/.cache/berth/ (default true). */
  cache?: boolean
  /** Worker threads for markdown: 0 renders in this thread; by default one per core when there is enough to render. */
  threads?: number
}

export type BuildResult = PipelineResult & {
  /** Nothing changed since the last build, whose output is untouched: nothing was done, and `files` is empty. */
  upToDate?: boolean
}

/**
 * `berth build` and `berth check`: one run of the pipeline in a fresh process, starting from the state
 * the last build left in the cache file and leaving its own there. A build whose inputs and output are
 * exactly as the last one left them stops before loading anything.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root)
  const useCache = options.cache !== false
  const cacheFile = buildCacheFile(root)
  const opened = useCache ? openBuildCache(cacheFile) : undefined
  // The up-to-date check is for builds into the output folder; a check or a test's writer always runs.
  // It reads the cache's record alone, and none of the pipeline's code is loaded for it.
  const { output, lastBuild } = opened?.record ?? {}
  const inputs = opened && !options.dryRun && !options.writer ? digestBuildInputs(root, options, lastBuild) : undefined
  const last = inputs && findUpToDate(inputs, lastBuild, output?.outDir === inputs.outDir ? output.live : undefined)
  if (last) return { ...emptyResult(), ok: true, upToDate: true, diagnostics: last.diagnostics, pageCount: last.pageCount, assetCount: last.assetCount }
  const [{ runPipeline }, { createPageReuse }] = await Promise.all([import('./pipeline.ts'), import('./render/page-reuse.ts')])

  let folder: ReturnType<typeof createFsWriter> | undefined
  const run = (cache: (BuildCache & BuildCacheEntries) | undefined) => {
    const publish = (config: { outDir: string }, salt: string): Publisher => {
      if (options.dryRun) return {}
      if (options.writer) return { writer: options.writer }
      const known: OutputManifest | undefined = cache?.output?.outDir === config.outDir ? cache.output : undefined
      folder = createFsWriter(config.outDir, cache ? { spareDir: path.join(writerStateDir(root), 'spare'), ...(known ? { known } : {}) } : {})
      if (!cache) return { writer: folder }
      const copies = publishedCopies(config.outDir, known?.live)
      return {
        writer: folder,
        pages: (pages, engine) => createPageReuse(salt, engine, pages, copies),
        search: (shards) => ({ shards, published: copies }),
      }
    }
    return runPipeline(undefined, {
      root,
      overrides: options,
      ...(cache ? { cache } : {}),
      publish,
      images: options.dryRun ? false : cache ? { cacheDir: imageCacheDir(root) } : {},
      ...(options.strict !== undefined ? { strict: options.strict } : {}),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
    })
  }
  // The cached HTML is read from the pack only where a stage needs it.
  let cache: (BuildCache & BuildCacheEntries) | undefined = opened && { ...opened.entries('when-read'), ...opened.record }
  let outcome: Awaited<ReturnType<typeof run>>
  try {
    outcome = await run(cache)
  } catch (error) {
    if (!(error instanceof DamagedCacheError)) throw error
    // A blob was not what the cache wrote (nothing was published yet): the build starts again from the
    // cache's record of the output alone.
    cache = { ...emptyBuildCache(), ...opened!.record }
    outcome = await run(cache)
  }
  const { state, result } = outcome
  if (cache && state) {
    const next: BuildCache = state.cache
    const written = result.ok ? folder?.record() : undefined
    if (written && result.config) next.output = { ...written, outDir: result.config.outDir }
    if (result.ok && inputs) next.lastBuild = recordBuild(inputs, result)
    // The blobs this build read stay where they are in the pack; only new ones are written.
    writeBuildCache(cacheFile, next, cache.pack)
  }
  return result
}

function emptyResult(): PipelineResult {
  return { ok: false, diagnostics: [], files: [], pageCount: 0, assetCount: 0, rendered: 0, reusedPages: 0, markdown: { reused: 0, rendered: 0, threads: 0 }, images: { made: 0, reused: 0 }, timings: [] }
}
