import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { build } from './build.ts'
import { formatDiagnostic } from './diagnostics.ts'
import type { Diagnostic } from './types.ts'

const USAGE = `Usage: berth <command> [options]

Commands:
  build            build the site into the output folder

Options for build:
  --root DIR       the site folder (default: the current folder)
  --out DIR        the output folder (default: ROOT/dist)
  --base PATH      the url path the site is served under, e.g. /docs/ (default: /)

  -h, --help       show this help
  -v, --version    show berth's version`

const BUILD_OPTIONS = {
  root: { type: 'string' },
  out: { type: 'string' },
  base: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options']

export type Io = { out: (text: string) => void; err: (text: string) => void; cwd: string }

const defaultIo: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`), cwd: process.cwd() }

/** Run berth with command-line arguments; resolves to the exit code (0 ok, 1 site errors, 2 usage). */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(USAGE)
    return command === undefined ? 2 : 0
  }
  if (command === '-v' || command === '--version') {
    io.out(readVersion())
    return 0
  }
  if (command !== 'build') return usageError(io, `unknown command "${command}"`)

  let values
  try {
    ;({ values } = parseArgs({ args: [...rest], options: BUILD_OPTIONS, strict: true, allowPositionals: false }))
  } catch (error) {
    return usageError(io, (error as Error).message.split('\n')[0]!)
  }
  if (values.help) {
    io.out(USAGE)
    return 0
  }
  const started = performance.now()
  const root = path.resolve(io.cwd, values.root ?? '.')
  const result = await build({
    root,
    ...(values.out !== undefined ? { out: path.resolve(io.cwd, values.out) } : {}),
    ...(values.base !== undefined ? { base: values.base } : {}),
  })
  printDiagnostics(result.diagnostics, root, io)
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length
    io.err(`berth: build failed with ${errors} error${errors === 1 ? '' : 's'}; ${path.relative(io.cwd, result.config?.outDir ?? 'dist') || '.'} was left as it was`)
    return 1
  }
  const ms = Math.round(performance.now() - started)
  const out = path.relative(io.cwd, result.config!.outDir) || '.'
  io.out(`berth: built ${result.pageCount} pages and ${result.assetCount} assets into ${out}/ in ${ms} ms`)
  return 0
}

function printDiagnostics(diagnostics: readonly Diagnostic[], root: string, io: Io): void {
  for (const d of diagnostics) {
    // Paths relative to where berth was started, so terminals and editors can open them.
    const shown = d.file.startsWith('-') || d.file.startsWith('berth:') ? d.file : path.relative(io.cwd, path.join(root, d.file)).split(path.sep).join('/')
    io.err(formatDiagnostic(d, shown))
  }
}

function usageError(io: Io, problem: string): number {
  io.err(`berth: ${problem}\n\n${USAGE}`)
  return 2
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}
