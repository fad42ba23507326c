import path from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { berthVersion } from './berth-code.ts'
import { createFrameReader } from './code-frame.ts'
import { formatDiagnostic } from './diagnostics.ts'
import { describeFailure } from './failure-message.ts'
import { DEFAULT_DEV_PORT, DEFAULT_PREVIEW_PORT } from './ports.ts'
import type { Diagnostic } from './types.ts'

// Each command loads its own modules when it runs, so `--help` and `--version` answer at once.

const USAGE = `Usage: berth <command> [options]

Commands:
  init [DIR]       start a site in DIR (default: here): a series with one post, a site map, a config,
                   a deploy workflow and a package.json; nothing is overwritten
  new post S/NAME  write content/S/NAME.md from templates/new-post.md and list it in the site map
  build            build the site into the output folder
  check            run the whole build and every check, writing nothing
  dev              serve a live-reloading preview (drafts included)
  preview          serve the built output folder as static hosting would

Options:
  --root DIR       the site folder (default: the current folder)
  --base PATH      the url path the site is served under, e.g. /docs/ (default: /)
  --site-url URL   the absolute url the site is published at (for feeds and share cards)
  --out DIR        build, preview: the output folder (default: ROOT/dist)
  --strict         build, check: fail on warnings too
  --no-cache       build: build everything again, ignoring node_modules/.cache/berth
  --timings        build: print how long each stage took
  --threads N      build, check: worker threads for markdown (default: one per core when there are
                   enough posts to render; 0 renders in the main thread)
  --format F       check: text (default) or json
  --port N         dev, preview: the port (default: ${DEFAULT_DEV_PORT} for dev, ${DEFAULT_PREVIEW_PORT} for preview, or the next free one)
  --host H         dev, preview: the address to listen on (default: 127.0.0.1; 0.0.0.0 exposes it on your network)
  --open           dev: open the preview in a browser
  --title T        init: the site's title; new: the post's title (default: from the name)
  --berth SPEC     init: how package.json names berth (default: ^VERSION; a git url or tarball works)

  -h, --help       show this help
  -v, --version    show berth's version

Environment:
  BERTH_DEBUG=1    print the stack of an internal error`

const COMMON = { root: { type: 'string' }, base: { type: 'string' }, help: { type: 'boolean', short: 'h' } } satisfies ParseArgsConfig['options']
const OPTIONS = {
  build: { ...COMMON, out: { type: 'string' }, strict: { type: 'boolean' }, 'site-url': { type: 'string' }, 'no-cache': { type: 'boolean' }, threads: { type: 'string' }, timings: { type: 'boolean' } },
  check: { ...COMMON, strict: { type: 'boolean' }, threads: { type: 'string' }, format: { type: 'string' }, 'site-url': { type: 'string' } },
  dev: { ...COMMON, port: { type: 'string' }, host: { type: 'string' }, open: { type: 'boolean' } },
  preview: { ...COMMON, out: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
  init: { help: COMMON.help, title: { type: 'string' }, berth: { type: 'string' } },
  new: { ...COMMON, title: { type: 'string' } },
} satisfies Record<string, ParseArgsConfig['options']>

type Command = keyof typeof OPTIONS

export type Io = {
  out: (text: string) => void
  err: (text: string) => void
  cwd: string
  /**
   * Resolves when the user asks a long-running command (dev, preview) to stop with Ctrl-C. Asked for
   * only by those: listening for the signal would keep Ctrl-C from stopping a build.
   */
  stopSignal?: () => Promise<void>
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  cwd: process.cwd(),
  stopSignal: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    }),
}

/** Run berth with command-line arguments; resolves to the exit code (0 ok, 1 site errors, 2 usage). */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(USAGE)
    return command === undefined ? 2 : 0
  }
  if (command === '-v' || command === '--version') {
    io.out(berthVersion())
    return 0
  }
  if (!(command in OPTIONS)) return usageError(io, `unknown command "${command}"`)
  let values: Record<string, string | boolean | undefined>
  let positionals: string[]
  try {
    const parsed = parseArgs({ args: [...rest], options: OPTIONS[command as Command], strict: true, allowPositionals: command === 'init' || command === 'new' })
    values = parsed.values as Record<string, string | boolean | undefined>
    positionals = parsed.positionals
  } catch (error) {
    return usageError(io, (error as Error).message.split('\n')[0]!)
  }
  if (values.help) {
    io.out(USAGE)
    return 0
  }
  const root = path.resolve(io.cwd, (values.root as string | undefined) ?? '.')
  const base = values.base as string | undefined
  if (command === 'init' && positionals.length > 1) return usageError(io, `berth init takes one folder, not ${positionals.length}`)
  if (command === 'new' && (positionals.length !== 2 || positionals[0] !== 'post')) return usageError(io, 'write it as berth new post SERIES/NAME')
  try {
    if (command === 'init') return await (await import('./scaffold/commands.ts')).runInit(path.resolve(io.cwd, positionals[0] ?? '.'), values, io)
    if (command === 'new') return await (await import('./scaffold/commands.ts')).runNewPost(root, positionals[1]!, values, io)
    if (command === 'dev') return await runDev(root, base, values, io)
    if (command === 'preview') return await runPreview(root, base, values, io)
    if (command === 'check') return await runCheck(root, base, values, io)
    return await runBuild(root, base, values, io)
  } catch (error) {
    // Problems in the site's files are diagnostics; what reaches here is the machine's or berth's.
    for (const line of describeFailure(error, io.cwd, process.env.BERTH_DEBUG === '1')) io.err(line)
    return 1
  }
}

async function runPreview(root: string, base: string | undefined, values: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  const port = parsePort(values.port, DEFAULT_PREVIEW_PORT)
  if (port === undefined) return badPort(io, values.port)
  const { preview } = await import('./preview.ts')
  const server = await preview({
    root,
    port,
    ...(values.out !== undefined ? { out: path.resolve(io.cwd, values.out as string) } : {}),
    ...(values.host !== undefined ? { host: values.host as string } : {}),
    ...(base !== undefined ? { base } : {}),
  })
  if ('failed' in server) {
    printDiagnostics(server.failed, root, io)
    return 1
  }
  if (port !== 0 && server.port !== port) io.out(`berth preview: port ${port} is in use, using ${server.port}`)
  io.out(`berth preview: serving the built site at ${server.url} (press Ctrl-C to stop)`)
  await (io.stopSignal?.() ?? new Promise(() => undefined))
  await server.close()
  return 0
}

function badPort(io: Io, value: string | boolean | undefined): number {
  return usageError(io, `--port must be a number from 0 to 65535, not "${String(value)}"`)
}

function parsePort(value: string | boolean | undefined, fallback: number): number | undefined {
  const port = value === undefined ? fallback : Number(value)
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : undefined
}

async function runCheck(root: string, base: string | undefined, values: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  const format = (values.format as string | undefined) ?? 'text'
  if (format !== 'text' && format !== 'json') return usageError(io, `--format must be text or json, not "${format}"`)
  const threads = parseThreads(values.threads)
  if (threads === null) return badThreads(io, values.threads)
  const { build } = await import('./build.ts')
  const result = await build({ root, dryRun: true, strict: values.strict === true, threads, ...siteOptions(base, values) })
  await stopSearchIndexer()
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length
  const warnings = result.diagnostics.length - errors
  if (format === 'json') io.out(JSON.stringify(result.diagnostics.map((d) => ({ ...d, file: displayPath(d.file, root, io) })), null, 2))
  else {
    printDiagnostics(result.diagnostics, root, io)
    io.out(`berth check: ${counted(errors, 'error')}, ${counted(warnings, 'warning')}`)
  }
  return result.ok ? 0 : 1
}

async function runBuild(root: string, base: string | undefined, values: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  const started = performance.now()
  const outArg = values.out as string | undefined
  const threads = parseThreads(values.threads)
  if (threads === null) return badThreads(io, values.threads)
  const { build } = await import('./build.ts')
  const result = await build({ root, strict: values.strict === true, ...(outArg !== undefined ? { out: path.resolve(io.cwd, outArg) } : {}), ...siteOptions(base, values), cache: values['no-cache'] !== true, threads })
  await stopSearchIndexer()
  printDiagnostics(result.diagnostics, root, io)
  const out = path.relative(io.cwd, result.config?.outDir ?? path.resolve(root, outArg ?? 'dist')) || '.'
  const took = Math.round(performance.now() - started)
  if (result.upToDate) {
    io.out(`berth: ${out}/ is up to date: nothing changed since the last build (${result.pageCount} pages, ${took} ms)`)
    return 0
  }
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length
    const problems = errors > 0 ? counted(errors, 'error') : `${counted(result.diagnostics.length, 'warning')} (--strict)`
    io.err(`berth: build failed with ${problems}; ${out} was left as it was`)
    return 1
  }
  const fromCache = [result.markdown.reused ? counted(result.markdown.reused, 'post') : '', result.reusedPages ? counted(result.reusedPages, 'page') : ''].filter(Boolean)
  const cached = fromCache.length > 0 ? ` (${fromCache.join(' and ')} from the cache)` : ''
  const pooled = result.markdown.threads ? ` (markdown on ${result.markdown.threads} threads)` : ''
  if (values.timings === true) io.out(`berth: ${result.timings.map(([stage, ms]) => `${stage} ${ms} ms`).join(', ')}`)
  io.out(`berth: built ${result.pageCount} pages and ${result.assetCount} assets into ${out}/ in ${took} ms${cached}${pooled}`)
  return 0
}

/** A finished command leaves no process behind: Pagefind's is stopped rather than left to notice. */
async function stopSearchIndexer(): Promise<void> {
  const { stopPagefind } = await import('./site/search-index.ts')
  await stopPagefind()
}

/** More threads than this is a typo, not a machine. */
const MAX_THREADS = 256

function badThreads(io: Io, value: string | boolean | undefined): number {
  return usageError(io, `--threads must be a whole number from 0 to ${MAX_THREADS}, not "${value}"`)
}

/** `--threads`: undefined when absent, null when it is not a usable count. */
function parseThreads(value: string | boolean | undefined): number | undefined | null {
  if (value === undefined) return undefined
  const threads = Number(value)
  return typeof value === 'string' && /^\d+$/.test(value) && threads <= MAX_THREADS ? threads : null
}

/** The flags that say where the site is published. */
function siteOptions(base: string | undefined, values: Record<string, string | boolean | undefined>): { base?: string; siteUrl?: string } {
  return { ...(base !== undefined ? { base } : {}), ...(values['site-url'] !== undefined ? { siteUrl: values['site-url'] as string } : {}) }
}

async function runDev(root: string, base: string | undefined, values: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  const port = parsePort(values.port, DEFAULT_DEV_PORT)
  if (port === undefined) return badPort(io, values.port)
  const { dev } = await import('./dev/dev.ts')
  const server = await dev({
    root,
    port,
    ...(values.host !== undefined ? { host: values.host as string } : {}),
    ...(base !== undefined ? { base } : {}),
    open: values.open === true,
    out: io.out,
    err: (line) => io.err(line),
  })
  if ('failed' in server) {
    printDiagnostics(server.failed, root, io)
    io.err('berth dev: cannot start until the config is fixed')
    return 1
  }
  await (io.stopSignal?.() ?? new Promise(() => undefined))
  await server.close()
  io.out('berth dev: stopped')
  return 0
}

function printDiagnostics(diagnostics: readonly Diagnostic[], root: string, io: Io): void {
  const frameOf = createFrameReader(root)
  for (const d of diagnostics) io.err(formatDiagnostic(d, displayPath(d.file, root, io), frameOf(d)))
}

/** Paths relative to where berth was started, so terminals and editors can open them. */
function displayPath(file: string, root: string, io: Io): string {
  return file.startsWith('-') || file.startsWith('berth:') ? file : path.relative(io.cwd, path.join(root, file)).split(path.sep).join('/')
}

/** "1 post", "2 posts". */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function usageError(io: Io, problem: string): number {
  io.err(`berth: ${problem}\n\n${USAGE}`)
  return 2
}

