import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { main } from '../src/cli.ts'
import { makeSite, makeTempDir, post } from './helpers/temp-site.ts'
import { readTree } from './helpers/tree.ts'

const REPO = path.resolve(import.meta.dirname, '..')
const run = promisify(execFile)

/** Run the CLI in-process and capture what it prints. */
async function cli(args: string[], cwd = REPO) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), cwd })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

test('--help prints the usage', async () => {
  const { code, stdout } = await cli(['--help'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/Usage: berth <command>/)
  expect(stdout).toContain('--base PATH')
})

test('--version prints the package version', async () => {
  const { code, stdout } = await cli(['--version'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/^\d+\.\d+\.\d+$/)
})

test.for([['frobnicate'], ['build', '--nope'], ['build', 'extra-positional'], ['build', '--root']])('%j is a usage error with exit code 2', async (args) => {
  const { code, stderr } = await cli(args)
  expect(code).toBe(2)
  expect(stderr).toMatch(/^berth: /)
  expect(stderr).toContain('Usage: berth')
})

test('a broken site prints file:line:column diagnostics and exits 1, with no stack trace', async () => {
  const root = await makeSite({ 'content/a.md': '---\nurl: a\ntags: 5\n---\n\n![x][y]\n' })
  const { code, stderr } = await cli(['build', '--root', root])
  expect(code).toBe(1)
  expect(stderr).toContain('content/a.md:3:1: error: front matter field "tags": expected array, got the number 5 [front-matter/invalid-field]')
  expect(stderr).toMatch(/build failed with 1 error/)
  expect(stderr).not.toMatch(/\n\s+at /)
})

test('a good build prints one summary line', async () => {
  const root = await makeSite({ 'content/a.md': post('a', 'A') })
  const { code, stdout, stderr } = await cli(['build', '--root', root])
  expect(code).toBe(0)
  expect(stderr).toBe('')
  expect(stdout).toMatch(/^berth: built 3 pages and 1 assets into .*dist\/ in \d+ ms$/)
})

test('npm run build passes --root, --out and --base through to berth build', { timeout: 60_000 }, async () => {
  const root = await makeSite({ 'content/a.md': post('guide/a', 'A') })
  const out = path.join(await makeTempDir(), 'site')
  const { stdout } = await run('npm', ['run', 'build', '--', '--root', root, '--out', out, '--base', '/docs/'], { cwd: REPO })
  expect(stdout).toMatch(/berth: built 3 pages/)
  const tree = await readTree(out)
  expect(tree.get('guide/a/index.html')?.toString()).toContain('href="/docs/assets/berth.css"')
})

test('the berth bin runs from any folder and exits with the build status', { timeout: 60_000 }, async () => {
  const root = await makeSite({ 'content/a.md': '---\nurl: a\nlayout: nope\n---\n' })
  const failure = await run('node', [path.join(REPO, 'src/bin.js'), 'build'], { cwd: root }).catch((error: { code: number; stderr: string }) => error)
  expect(failure).toMatchObject({ code: 1 })
  expect((failure as { stderr: string }).stderr).toContain('content/a.md:3:1: error: layout "nope" does not exist')
})
