import { createHash } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { BERTH_ROOT } from '../berth-root.ts'
import { writeWhole } from '../cache-folder.ts'
import { digestFile, digestTree } from '../digest-files.ts'
import { berthCacheDir } from '../paths.ts'
import type { Diagnostic } from '../types.ts'

/** Bumped whenever the record's shape changes. */
const FORMAT = 1

/** What a finished build leaves behind, so the next one can tell that nothing changed. */
type BuildRecord = {
  format: number
  /** Digest of every input: the site's files, the options, berth itself. */
  inputs: string
  /** Every file written, with the size and modification time it had just after the swap. */
  outputs: [path: string, size: number, mtimeMs: number][]
  diagnostics: Diagnostic[]
  pageCount: number
  assetCount: number
}

/** What a build would be made from, and where it would go. */
export type BuildInputs = { digest: string; outDir: string; recordFile: string }

export type BuildSummary = Pick<BuildRecord, 'diagnostics' | 'pageCount' | 'assetCount'>

/**
 * A digest of everything `berth build` reads: every file under the site's content, assets and
 * templates, its config and lockfile, berth's code, theme and version, and the options that shape the
 * output. Files count by their bytes, never by their dates. It needs no config parsing, so it is cheap
 * enough to take before deciding to load the rest of berth.
 */
export function digestBuildInputs(rootArg: string, options: { out?: string; base?: string; siteUrl?: string; strict?: boolean }): BuildInputs {
  const root = path.resolve(rootArg)
  const outDir = path.resolve(root, options.out ?? 'dist')
  const hash = createHash('sha256').update(JSON.stringify({ FORMAT, root, outDir, base: options.base, siteUrl: options.siteUrl, strict: options.strict === true }))
  for (const dir of ['content', 'assets', 'templates']) digestTree(hash, path.join(root, dir))
  for (const dir of ['templates', 'src']) digestTree(hash, path.join(BERTH_ROOT, dir))
  for (const file of ['berth.config.json', 'package.json', 'package-lock.json']) digestFile(hash, path.join(root, file))
  digestFile(hash, path.join(BERTH_ROOT, 'package.json'))
  return { digest: hash.digest('hex'), outDir, recordFile: path.join(berthCacheDir(root), 'last-build.json') }
}

/** What the last build reported, if it was made from exactly these inputs and its output is untouched since. */
export async function findUpToDate(inputs: BuildInputs): Promise<BuildSummary | undefined> {
  let record: BuildRecord
  try {
    record = JSON.parse(await readFile(inputs.recordFile, 'utf8')) as BuildRecord
  } catch {
    return undefined
  }
  if (record?.format !== FORMAT || record.inputs !== inputs.digest || !Array.isArray(record.outputs) || !Array.isArray(record.diagnostics)) return undefined
  let written: BuildRecord['outputs']
  try {
    written = listOutput(inputs.outDir)
  } catch {
    return undefined
  }
  if (written.length !== record.outputs.length) return undefined
  for (let i = 0; i < written.length; i++) {
    const [name, size, mtimeMs] = record.outputs[i]!
    const now = written[i]!
    if (now[0] !== name || now[1] !== size || now[2] !== mtimeMs) return undefined
  }
  return { diagnostics: record.diagnostics, pageCount: record.pageCount, assetCount: record.assetCount }
}

/** Note a finished build made from `inputs`, with its output folder as it stands now. */
export function recordBuild(inputs: BuildInputs, summary: BuildSummary): void {
  let outputs: BuildRecord['outputs']
  try {
    outputs = listOutput(inputs.outDir)
  } catch {
    // Without a record the next build only does its full work.
    return
  }
  const { diagnostics, pageCount, assetCount } = summary
  writeWhole(inputs.recordFile, JSON.stringify({ format: FORMAT, inputs: inputs.digest, outputs, diagnostics, pageCount, assetCount } satisfies BuildRecord))
}
// Reading thousands of small files one after another is faster in sync calls than through the thread
// pool, and nothing else runs while berth decides whether to build at all.

/** Every file in the output folder, sorted, with size and modification time. */
function listOutput(outDir: string): BuildRecord['outputs'] {
  const entries = readdirSync(outDir, { recursive: true, withFileTypes: true })
  const files = entries.filter((e) => !e.isDirectory()).map((e) => path.join(e.parentPath, e.name)).sort()
  return files.map((file) => {
    const info = statSync(file)
    return [path.relative(outDir, file), info.size, info.mtimeMs]
  })
}

