import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { BERTH_ROOT, berthVersion } from '../berth-code.ts'
import { titleFromUrl } from '../load/url.ts'
import { toPosix } from '../paths.ts'
import { fillStarterText, STARTER_DIR, today } from './starter.ts'

export type InitOptions = {
  /** The folder to make the site in; made if missing. */
  dir: string
  /** The site's title (default: from the folder's name). */
  title?: string
  /** How the site's package.json names berth (default: `^` and this berth's version). */
  berth?: string
}

/** What became of package.json: made, left alone, or given the scripts (and the berth dependency) it lacked. */
export type PackageJsonOutcome = 'written' | 'unchanged' | { scripts: string[]; dependency: boolean }

export type InitOutcome = { written: string[]; packageJson: PackageJsonOutcome } | { refused: string[] }

/** The workflow berth deploys its own site with: one file, the same in every site berth starts. */
const WORKFLOW = { from: path.join(BERTH_ROOT, '.github/workflows/deploy.yml'), to: '.github/workflows/deploy.yml' }

/** Scripts a site runs berth by, as the README and the deploy workflow call them. */
const SCRIPTS: Readonly<Record<string, string>> = { build: 'berth build', dev: 'berth dev', check: 'berth check', berth: 'berth' }

/**
 * `berth init`: a working site in `dir` (one series with one post, its site map, config, .gitignore,
 * deploy workflow and package.json). It never overwrites: when any file it would write is there, it
 * writes nothing and names them. A package.json that is there already only gains what it lacks (the
 * scripts and the berth dependency), so `npm install berth && npx berth init` works too.
 */
export async function initSite(options: InitOptions): Promise<InitOutcome> {
  const dir = path.resolve(options.dir)
  const title = options.title ?? (titleFromUrl(path.basename(dir)) || 'Docker tutorials')
  const files = new Map<string, string | Buffer>()
  for (const file of await listFiles(STARTER_DIR)) {
    // npm leaves .gitignore files out of packages, so the starter keeps it without the dot.
    const target = file === 'gitignore' ? '.gitignore' : file
    const bytes = await readFile(path.join(STARTER_DIR, file))
    files.set(target, file.endsWith('.json') ? await fillStarterText(bytes.toString('utf8'), { title, today: today() }) : bytes)
  }
  files.set(WORKFLOW.to, await readFile(WORKFLOW.from))

  const refused = [...files.keys()].filter((file) => existsSync(path.join(dir, file))).sort()
  if (refused.length > 0) return { refused }

  const packageFile = path.join(dir, 'package.json')
  const existing = existsSync(packageFile) ? (JSON.parse(await readFile(packageFile, 'utf8')) as PackageJson) : undefined
  const packageJson = sitePackageJson(existing, path.basename(dir), options.berth ?? `^${berthVersion()}`)

  for (const [file, contents] of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await writeFile(path.join(dir, file), contents, { flag: 'wx' })
  }
  if (packageJson !== undefined) await writeFile(packageFile, `${JSON.stringify(packageJson, null, 2)}\n`)
  return { written: [...files.keys()].sort(), packageJson: packageOutcome(existing, packageJson) }
}

type PackageJson = { name?: string; private?: boolean; type?: string; scripts?: Record<string, string>; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }

/** The site's package.json with berth's scripts and dependency added where missing; undefined when nothing is. */
function sitePackageJson(existing: PackageJson | undefined, folder: string, berth: string): PackageJson | undefined {
  const base: PackageJson = existing ?? { name: packageName(folder), private: true, type: 'module' }
  const scripts = { ...base.scripts }
  for (const [name, command] of Object.entries(SCRIPTS)) scripts[name] ??= command
  const hasBerth = base.dependencies?.berth !== undefined || base.devDependencies?.berth !== undefined
  const next: PackageJson = { ...base, scripts, ...(hasBerth ? {} : { dependencies: { ...base.dependencies, berth } }) }
  return existing && JSON.stringify(next) === JSON.stringify(existing) ? undefined : next
}

function packageOutcome(existing: PackageJson | undefined, next: PackageJson | undefined): PackageJsonOutcome {
  if (next === undefined) return 'unchanged'
  if (existing === undefined) return 'written'
  const scripts = Object.keys(next.scripts ?? {}).filter((name) => existing.scripts?.[name] === undefined)
  return { scripts, dependency: next.dependencies?.berth !== undefined && existing.dependencies?.berth === undefined }
}

/** npm's rules for a name: lower case, url-safe, at most 214 characters. */
function packageName(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '').slice(0, 214)
  return name || 'docker-tutorials'
}

/** Every file under `dir`, as sorted `/`-separated paths relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => toPosix(path.relative(dir, path.join(entry.parentPath, entry.name)))).sort()
}
