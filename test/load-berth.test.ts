import { mkdir, readdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect, test } from 'vitest'
import { isCurrentBundle } from '../src/build-server/server.ts'
import { currentBundle } from '../src/load-berth.js'
import { cli, REPO } from './helpers/cli.ts'
import { makeTempDir } from './helpers/temp-site.ts'
import { readTree } from './helpers/tree.ts'

/** A tiny package: an entry that imports a module and reports where it thinks it is, and npm's record of what is installed. */
async function sources() {
  const root = await makeTempDir('berth-src-')
  const src = path.join(root, 'src')
  await mkdir(path.join(root, 'node_modules'), { recursive: true })
  await mkdir(src)
  await writeFile(path.join(root, 'node_modules/.package-lock.json'), '{"packages":{"node_modules/unified":{"version":"11.0.5"}}}')
  await writeFile(path.join(src, 'entry.ts'), "import { base } from './part.ts'\nexport const value: number = base + 1\nexport const dir = import.meta.dirname\n")
  await writeFile(path.join(src, 'part.ts'), 'export const base = 1\n')
  return { src, bundles: path.join(await makeTempDir('berth-bundles-'), 'bundles'), entries: { entry: 'entry.ts' } }
}

async function load(dir: string): Promise<{ value: number; dir: string }> {
  const entry = (await import(pathToFileURL(path.join(dir, 'entry.js')).href)) as { value: number; dir: string }
  return { value: entry.value, dir: entry.dir }
}

test('the bundle follows the sources: made once, made again after any change, older bundles removed after an hour', { timeout: 30_000 }, async () => {
  const options = await sources()
  const first = await currentBundle(options)
  expect(await load(first)).toEqual({ value: 2, dir: options.src })
  const made = (await stat(path.join(first, 'entry.js'))).mtimeMs
  expect(await currentBundle(options)).toBe(first)
  expect((await stat(path.join(first, 'entry.js'))).mtimeMs).toBe(made)

  await writeFile(path.join(options.src, 'part.ts'), 'export const base = 41\n')
  const second = await currentBundle(options)
  expect(second).not.toBe(first)
  expect((await load(second)).value).toBe(42)
  // A process may still be running from the older bundle: it stays for an hour, then goes.
  expect((await readdir(options.bundles)).sort()).toEqual([path.basename(first), path.basename(second)].sort())
  const hoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
  await utimes(first, hoursAgo, hoursAgo)
  // Going back to the first sources finds their bundle again.
  await writeFile(path.join(options.src, 'part.ts'), 'export const base = 1\n')
  expect(await currentBundle(options)).toBe(first)
  await writeFile(path.join(options.src, 'part.ts'), 'export const base = 2\n')
  const third = await currentBundle(options)
  expect((await readdir(options.bundles)).sort()).toEqual([path.basename(second), path.basename(third)].sort())

  // Installed packages are bundled too: another version of one makes another bundle.
  await writeFile(path.join(options.src, '../node_modules/.package-lock.json'), '{"packages":{"node_modules/unified":{"version":"11.0.6"}}}')
  const fourth = await currentBundle(options)
  expect(fourth).not.toBe(third)
  expect((await load(fourth)).value).toBe(3)
})

test('berth finds its own folder in one module only, the one the bundle points at the sources', async () => {
  // Files found from import.meta.url or .dirname would be looked for beside the bundle; resolving a package is fine.
  const files = (await readdir(path.join(REPO, 'src'), { recursive: true })).filter((f) => f.endsWith('.ts'))
  const users: string[] = []
  for (const file of files) if ((await readFile(path.join(REPO, 'src', file), 'utf8')).match(/import\.meta\.(url|dirname|filename)/)) users.push(file)
  expect(users).toEqual(['berth-root.ts'])
})

test('berth run from its bundle and from its sources through tsx builds the same site', { timeout: 120_000 }, async () => {
  const { execFile } = await import('node:child_process')
  const run = (out: string, env: NodeJS.ProcessEnv) =>
    new Promise<void>((resolve, reject) => execFile(process.execPath, [path.join(REPO, 'src/bin.js'), 'build', '--no-cache', '--out', out, '--site-url', 'https://berth.example'], { cwd: REPO, env: { ...process.env, ...env } }, (error) => (error ? reject(error) : resolve())))
  const dir = await makeTempDir()
  await run(path.join(dir, 'bundled'), {})
  await run(path.join(dir, 'tsx'), { BERTH_BUNDLE: '0' })
  const [bundled, compiled] = [await readTree(path.join(dir, 'bundled')), await readTree(path.join(dir, 'tsx'))]
  expect([...bundled.keys()]).toEqual([...compiled.keys()])
  for (const [file, bytes] of compiled) expect(bundled.get(file)!.equals(bytes), file).toBe(true)
  expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+$/)
})

test("a build server's code is current while the sources and installed packages are those of its bundle", { timeout: 30_000 }, async () => {
  const options = await sources()
  // The server resolves esbuild from the sources' package, as berth's own load-berth.js does.
  await symlink(path.join(REPO, 'node_modules/esbuild'), path.join(options.src, '../node_modules/esbuild'))
  const bundle = await currentBundle(options)
  expect(isCurrentBundle(bundle, options.src)).toBe(true)
  expect(isCurrentBundle(undefined, options.src)).toBe(false)
  await writeFile(path.join(options.src, 'part.ts'), 'export const base = 7\n')
  expect(isCurrentBundle(bundle, options.src)).toBe(false)
  await writeFile(path.join(options.src, 'part.ts'), 'export const base = 1\n')
  expect(isCurrentBundle(bundle, options.src)).toBe(true)
  await writeFile(path.join(options.src, '../node_modules/.package-lock.json'), '{"packages":{"node_modules/unified":{"version":"11.0.6"}}}')
  expect(isCurrentBundle(bundle, options.src)).toBe(false)
})
