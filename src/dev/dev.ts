import { spawn } from 'node:child_process'
import { createFrameReader } from '../code-frame.ts'
import { diagnosticHeading, formatDiagnostic } from '../diagnostics.ts'
import type { Diagnostic } from '../types.ts'
import { createBatchQueue } from './batch-queue.ts'
import { digestFile, findChangedSince, snapshotFiles } from './change-check.ts'
import { createDevBuild, type DevBuild } from './dev-build.ts'
import { createEventHub, type DevEvent, type OverlayError } from './events.ts'
import type { Change } from './plan.ts'
import { DEFAULT_DEV_PORT } from '../ports.ts'
import { startServer } from './server.ts'
import { watchSite } from './watcher.ts'

export type DevOptions = {
  root: string
  host?: string
  port?: number
  base?: string
  open?: boolean
  /** Lines for the terminal: progress to `out`, diagnostics to `err`. */
  out?: (line: string) => void
  err?: (line: string) => void
  /** How long to wait for more saves before rebuilding, in ms. Default 2. */
  settleMs?: number
}

export type DevServer = {
  url: string
  port: number
  build: DevBuild
  /** Resolves when no rebuild is pending or running. */
  idle: () => Promise<void>
  close: () => Promise<void>
}


/** How long after a rebuild to look for saves the watcher did not report. */
const RECHECK_MS = 60

/** `berth dev`: build into memory (drafts included), serve it, and rebuild what each saved file affects. */
export async function dev(options: DevOptions): Promise<DevServer | { failed: Diagnostic[] }> {
  const out = options.out ?? ((line) => process.stdout.write(`${line}\n`))
  const err = options.err ?? ((line) => process.stderr.write(`${line}\n`))
  const build = createDevBuild(options.root, options.base !== undefined ? { base: options.base } : {})
  const first = await build.rebuild()
  const config = build.config()
  if (!config) return { failed: first.diagnostics }
  const show = (diagnostics: readonly Diagnostic[]) => {
    const frameOf = createFrameReader(options.root)
    for (const d of diagnostics) err(formatDiagnostic(d, d.file, frameOf(d)))
  }
  show(first.diagnostics)

  const hub = createEventHub()
  // What the overlay shows of each error: the heading line, the code frame and the hint, as text.
  const state = (): DevEvent => {
    const errors = build.diagnostics().filter((d) => d.severity === 'error')
    const frameOf = createFrameReader(options.root)
    return errors.length > 0 ? { type: 'errors', errors: errors.map((d) => overlayError(d, frameOf(d))) } : { type: 'ok' }
  }
  const server = await startServer({ host: options.host ?? '127.0.0.1', port: options.port ?? DEFAULT_DEV_PORT, base: config.base, lookup: build.lookup, live: { hub, state } })
  const requested = options.port ?? DEFAULT_DEV_PORT
  if (requested !== 0 && server.port !== requested) out(`berth dev: port ${requested} is in use, using ${server.port}`)

  let failing = !first.ok
  const queue = createBatchQueue<Change>(options.settleMs ?? 2, async (changes) => {
    const started = performance.now()
    const snapshot = await snapshotFiles([...new Set(changes.map((c) => c.path))])
    const result = await build.rebuild(changes)
    const ms = Math.round(performance.now() - started)
    recheck(snapshot, changes)
    show(result.diagnostics)
    if (!result.ok) {
      failing = true
      hub.send(state())
      err(`berth dev: rebuild failed in ${ms} ms; still serving the last good version`)
      return
    }
    if (failing) hub.send({ type: 'ok' })
    failing = false
    const urls = result.changed.map((file) => config.base + file.replace(/(^|\/)index\.html$/, '$1'))
    const css = urls.filter((url) => url.endsWith('.css'))
    if (css.length > 0) hub.send({ type: 'css', paths: css })
    const reload = urls.filter((url) => !url.endsWith('.css'))
    if (reload.length > 0) hub.send({ type: 'reload', paths: reload })
    out(`berth dev: rebuilt in ${ms} ms (${result.rendered} page${result.rendered === 1 ? '' : 's'} rendered, ${result.changed.length} changed)`)
  })
  // Saves the watcher missed: rebuild again from what the files hold now.
  const rechecks = new Set<NodeJS.Timeout>()
  const recheck = (snapshot: Map<string, string>, changes: readonly Change[]) => {
    const timer = setTimeout(async () => {
      rechecks.delete(timer)
      for (const file of await findChangedSince(snapshot)) {
        const change = changes.findLast((c) => c.path === file)!
        queue.push({ ...change, event: (await digestFile(file)) === 'missing' ? 'unlink' : 'change' })
      }
    }, RECHECK_MS)
    timer.unref()
    rechecks.add(timer)
  }
  const watcher = watchSite(
    config,
    (change) => queue.push(change),
    (problem) => err(`berth dev: ${problem}; saves may go unnoticed until berth dev is started again`),
  )
  await watcher.ready
  out(`berth dev: serving ${server.url} (drafts included; press Ctrl-C to stop)`)
  if (options.open) openBrowser(server.url)

  return {
    url: server.url,
    port: server.port,
    build,
    idle: () => queue.idle(),
    close: async () => {
      rechecks.forEach(clearTimeout)
      await watcher.close()
      await server.close()
    },
  }
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  const child = spawn(command, [url], { stdio: 'ignore', detached: true })
  child.on('error', () => undefined)
  child.unref()
}

function overlayError(d: Diagnostic, frame: string | undefined): OverlayError {
  return { heading: diagnosticHeading(d), ...(frame ? { frame } : {}), ...(d.hint ? { hint: d.hint } : {}) }
}
