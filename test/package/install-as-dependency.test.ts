import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { load } from 'cheerio'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO } from '../helpers/cli.ts'
import { makeTempDir } from '../helpers/temp-site.ts'
import { readTree } from '../helpers/tree.ts'

// berth as an author gets it: packed with `npm pack` (which compiles it and writes its type declarations),
// installed from the tarball into a site's folder, and run from there with npx, its own folder read-only.

const npm = (args: string[], cwd: string) => {
  const done = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } })
  if (done.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${done.stdout}\n${done.stderr}`)
  return done.stdout
}

let tarball: string
let site: string
let installed: string

beforeAll(async () => {
  // Packed from a copy of what git tracks, so the tests running beside this one keep their lib/.
  const copy = path.join(await makeTempDir('berth-pack-'), 'berth')
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean)
  for (const file of tracked) {
    if (!existsSync(path.join(REPO, file))) continue
    await mkdir(path.dirname(path.join(copy, file)), { recursive: true })
    await cp(path.join(REPO, file), path.join(copy, file))
  }
  await symlink(path.join(REPO, 'node_modules'), path.join(copy, 'node_modules'))
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', path.dirname(copy)], copy)) as { filename: string; files: { path: string }[] }[]
  tarball = path.join(path.dirname(copy), packed[0]!.filename)

  site = await makeTempDir('berth-consumer-')
  await writeFile(path.join(site, 'package.json'), JSON.stringify({ name: 'my-docker-notes', private: true, type: 'module' }))
  npm(['install', '--prefer-offline', '--no-package-lock', `berth@file:${tarball}`], site)
  installed = path.join(site, 'node_modules/berth')
  // A read-only install, as in a shared or immutable node_modules. (Root ignores modes, so the test also
  // checks below that nothing in berth's folder changed.)
  execFileSync('chmod', ['-R', 'a-w', installed])
}, 300_000)

// The temp folder stays removable: the install is made writable again when the file is done.
afterAll(() => {
  if (installed && existsSync(installed)) execFileSync('chmod', ['-R', 'u+w', installed])
})

describe('berth installed from its tarball into a site', () => {
  test('the package holds the compiled code, its declarations, the theme and the starter, and no sources or tests', async () => {
    const files = [...(await readTree(installed)).keys()]
    for (const file of ['bin/berth.js', 'lib/cli.js', 'lib/index.js', 'lib/markdown-worker.js', 'lib/types/index.d.ts', 'templates/layouts/post.html', 'starter/content/posts.json', '.github/workflows/deploy.yml', 'package.json', 'README.md']) {
      expect(files, file).toContain(file)
    }
    expect(files.filter((f) => /^(src|test|bench|scripts|content)\//.test(f))).toEqual([])
    const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as { private?: boolean; exports: Record<string, unknown> }
    expect(manifest.private).toBeUndefined()
    expect(manifest.exports['.']).toEqual({ types: './lib/types/index.d.ts', default: './lib/index.js' })
  })

  test('npx berth init, then npx berth build, make the site; berth\'s own folder is untouched', { timeout: 120_000 }, async () => {
    const before = await readTree(installed)
    const init = spawnSync('npx', ['--no-install', 'berth', 'init'], { cwd: site, encoding: 'utf8' })
    expect(init.stderr).toBe('')
    expect(init.status).toBe(0)
    const manifest = JSON.parse(await readFile(path.join(site, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> }
    expect(manifest.dependencies.berth).toMatch(new RegExp(`^file:.*${path.basename(tarball).replace(/\./g, '\\.')}$`))
    expect(manifest.scripts.berth).toBe('berth')

    const built = spawnSync('npm', ['run', 'berth', '--', 'build', '--strict', '--site-url', 'https://me.github.io/notes', '--base', '/notes/'], { cwd: site, encoding: 'utf8' })
    expect(built.status, built.stderr).toBe(0)
    expect(built.stdout).toMatch(/berth: built \d+ pages and \d+ assets into dist\//)
    const html = await readFile(path.join(site, 'dist/getting-started/first-container/index.html'), 'utf8')
    expect(load(html)('link[rel=stylesheet]').first().attr('href')).toMatch(/^\/notes\/assets\/berth\.css/)
    expect(existsSync(path.join(site, 'dist/pagefind/pagefind.js'))).toBe(true)

    const after = await readTree(installed)
    expect([...after.keys()]).toEqual([...before.keys()])
    for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes), file).toBe(true)
  })

  test('the API imports on this Node and type-checks against its declarations', { timeout: 120_000 }, async () => {
    const script = [
      "import { build, createMemoryWriter, formatDiagnostic } from 'berth'",
      "const writer = createMemoryWriter()",
      "const result = await build({ root: '.', writer, siteUrl: 'https://me.github.io/notes' })",
      "console.log(JSON.stringify({ ok: result.ok, pages: result.pageCount, format: typeof formatDiagnostic, home: writer.files.has('index.html') }))",
    ].join('\n')
    await writeFile(path.join(site, 'api.mjs'), script)
    const ran = spawnSync(process.execPath, ['api.mjs'], { cwd: site, encoding: 'utf8' })
    expect(ran.stderr).toBe('')
    expect(JSON.parse(ran.stdout)).toEqual({ ok: true, pages: expect.any(Number), format: 'function', home: true })

    await writeFile(path.join(site, 'api.ts'), "import { build, type BuildResult } from 'berth'\nconst result: BuildResult = await build({ root: '.' })\nconst pages: number = result.pageCount\nconsole.log(pages)\n")
    await writeFile(path.join(site, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['api.ts'] }))
    const tsc = spawnSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: site, encoding: 'utf8' })
    expect(tsc.stdout + tsc.stderr).toBe('')
    expect(tsc.status).toBe(0)
  })
})
