import { statSync } from 'node:fs'
import path from 'node:path'
import { loadConfig } from './config.ts'
import { startServer, type RunningServer, type ServedFile } from './dev/server.ts'
import { isInside, realpathOrUndefined } from './paths.ts'
import { DEFAULT_PREVIEW_PORT } from './ports.ts'
import type { Diagnostic } from './types.ts'

export type PreviewOptions = { root: string; out?: string; base?: string; host?: string; port?: number }


/** `berth preview`: serve the built output folder as static hosting would, under the base path, with no live reload. */
export async function preview(options: PreviewOptions): Promise<RunningServer | { failed: Diagnostic[] }> {
  const loaded = await loadConfig(options.root, { ...(options.out ? { out: options.out } : {}), ...(options.base !== undefined ? { base: options.base } : {}) })
  if (!loaded.value) return { failed: loaded.diagnostics }
  const { outDir, base } = loaded.value
  const servedRoot = realpathOrUndefined(outDir)
  if (!servedRoot) {
    return { failed: [{ file: path.relative(options.root, outDir) || '.', severity: 'error', ruleId: 'preview/no-output', message: 'there is no built site to preview', hint: 'run `berth build` first (with the same --base)' }] }
  }
  return startServer({ host: options.host ?? '127.0.0.1', port: options.port ?? DEFAULT_PREVIEW_PORT, base, lookup: (key) => lookupFile(servedRoot, key) })
}

/** A file of the output folder; never one a symlink leads outside it. */
function lookupFile(servedRoot: string, key: string): ServedFile | undefined {
  const real = realpathOrUndefined(path.join(servedRoot, key))
  if (!real || !isInside(servedRoot, real)) return undefined
  try {
    return statSync(real).isFile() ? { from: real } : undefined
  } catch {
    return undefined
  }
}
