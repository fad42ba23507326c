import { execFile, spawn } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { describe, expect, test } from 'vitest'
import { describeFailure } from '../src/failure-message.ts'
import { cli, REPO } from './helpers/cli.ts'
import { makeSite, makeTempDir, pngOfSize, post } from './helpers/temp-site.ts'
import { readTree } from './helpers/tree.ts'

const run = promisify(execFile)

test('--help prints the usage', async () => {
  const { code, stdout } = await cli(['--help'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/Usage: berth <command>/)
  expect(stdout).toContain('--base PATH')
  expect(stdout).toContain('BERTH_DEBUG=1')
})

test('--version prints the package version', async () => {
  const { code, stdout } = await cli(['--version'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/^\d+\.\d+\.\d+$/)
})

test.for([['frobnicate'], ['build', '--nope'], ['build', 'extra-positional'], ['build', '--root'], ['build', '--threads', 'many'], ['check', '--threads', '-1'], ['build', '--threads', '1.5']])('%j is a usage error with exit code 2', async (args) => {
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
  // The bad field does not hide the post's other mistake, and causes no second error.
  expect(stderr).toContain('content/a.md:6:1: error: image reference "[y]" has no definition')
  expect(stderr).toMatch(/build failed with 2 errors/)
  expect(stderr).not.toMatch(/\n\s+at /)
})

test('an output folder that cannot be made is a message with the path, the reason and a hint, exit 1, no stack trace', async () => {
  const root = await makeSite({ 'content/a.md': post('a', 'A'), 'afile': 'a file, not a folder' })
  const { code, stderr } = await cli(['build', '--root', root, '--out', path.join(root, 'afile/dist')], root)
  expect(code).toBe(1)
  expect(stderr).toMatch(/^berth: could not create the folder afile\/\S+: part of the path is a file, not a folder \(ENOTDIR\)$/m)
  expect(stderr).toContain('hint: choose an output folder whose parents are folders with --out')
  expect(stderr).not.toMatch(/\n\s+at /)
})

test('a failure that is not the machine\'s is an internal error, with its stack only under BERTH_DEBUG=1', () => {
  const error = new Error('boom')
  expect(describeFailure(error, REPO)).toEqual(['berth: internal error: boom', expect.stringContaining('run again with BERTH_DEBUG=1')])
  expect(describeFailure(error, REPO, true).at(-1)).toContain('at ')
  // A system error with a code berth has no words for still names the call, the path and the code.
  const odd = Object.assign(new Error('ELOOP: too many symbolic links'), { code: 'ELOOP', syscall: 'open', path: path.join(REPO, 'content/a.md') })
  expect(describeFailure(odd, REPO)[0]).toBe('berth: could not open content/a.md: ELOOP: too many symbolic links (ELOOP)')
})

test('Ctrl-C stops a build where it is, and the output folder is not touched', { timeout: 120_000 }, async () => {
  const files: Record<string, string | Uint8Array> = {}
  // Enough assets to copy that the build is still writing when the signal comes.
  for (let i = 0; i < 20; i++) files[`content/p${i}.md`] = post(`posts/p${i}`, `Post ${i}.`)
  for (let i = 0; i < 150; i++) files[`assets/blob-${i}.bin`] = new Uint8Array(200_000).fill(i % 256)
  const root = await makeSite(files)
  const child = spawn(process.execPath, [path.join(REPO, 'bin/berth.js'), 'build', '--root', root], { stdio: 'ignore' })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  // Its staging folder appears once berth is running and writing.
  while (!(await readdir(root)).some((name) => name.startsWith('.berth-new-'))) await new Promise((r) => setTimeout(r, 5))
  child.kill('SIGINT')
  // Stopped by the signal, not carried on to a build that exits 0.
  expect(await exited).toEqual({ code: null, signal: 'SIGINT' })
  expect(existsSync(path.join(root, 'dist'))).toBe(false)
})

test('Ctrl-C stops berth dev cleanly: it says so and exits 0', { timeout: 60_000 }, async () => {
  const root = await makeSite({ 'content/a.md': post('a', 'A') })
  const child = spawn(process.execPath, [path.join(REPO, 'bin/berth.js'), 'dev', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  while (!output.includes('berth dev: serving')) await new Promise((r) => setTimeout(r, 10))
  child.kill('SIGINT')
  expect(await exited).toEqual({ code: 0, signal: null })
  expect(output).toContain('berth dev: stopped')
})

test('a YAML mistake is one error in plain words, with the line framed and a caret under the column, then the fix', async () => {
  const root = await makeSite({ 'content/a.md': '---\nurl: a\ntitle: Docker: the basics\nlayout: post\n---\n\n# A\n' })
  const { code, stderr } = await cli(['build', '--root', root])
  expect(code).toBe(1)
  const report = stderr.slice(stderr.indexOf('content/a.md'))
  expect(report.split('\n').slice(0, 6)).toEqual([
    expect.stringMatching(/content\/a\.md:3:8: error: the value of "title" holds ": ", which YAML reads as the start of another key \[front-matter\/invalid-yaml\]$/),
    '    2 | url: a',
    '  > 3 | title: Docker: the basics',
    '      |        ^',
    '    4 | layout: post',
    '  hint: quote the value: title: "Docker: the basics"',
  ])
  expect(stderr).toMatch(/build failed with 1 error;/)
})

test('a good build prints one summary line', async () => {
  const root = await makeSite({ 'content/a.md': post('a', 'A') })
  const { code, stdout, stderr } = await cli(['build', '--root', root])
  expect(code).toBe(0)
  // Four assets: the stylesheet, the search and copy scripts, and the favicon.
  // The one warning: no site url for the feed and share cards.
  expect(stderr).toMatch(/berth\.config\.json: warning: the site url is not set.*\[config\/missing-site-url\]/)
  // The site has no config file yet: the hint says how to make one.
  expect(stderr).toContain('hint: create berth.config.json holding {"url": "https://you.github.io/repo"}, or pass --site-url')
  expect(stdout).toMatch(/^berth: built 4 pages and 4 assets into .*dist\/ in \d+ ms$/)
})

test('--threads sets the markdown worker threads, and the summary says how many ran', { timeout: 60_000 }, async () => {
  const files: Record<string, string> = {}
  for (let i = 0; i < 4; i++) files[`content/p${i}.md`] = post(`p${i}`, `# Post ${i}`)
  const root = await makeSite(files)
  const pooled = await cli(['build', '--root', root, '--threads', '2', '--no-cache'])
  expect(pooled.code).toBe(0)
  expect(pooled.stdout).toMatch(/ \(markdown on 2 threads\)$/)
  const single = await cli(['build', '--root', root, '--threads', '0', '--no-cache'])
  expect(single.stdout).not.toContain('threads')
})

test('--timings prints how long each stage took, in the order they ran', async () => {
  const root = await makeSite({ 'content/a.md': post('a', '# A') })
  const { code, stdout } = await cli(['build', '--root', root, '--timings', '--no-cache'])
  expect(code).toBe(0)
  const line = stdout.split('\n').find((l) => l.startsWith('berth: load '))
  expect(line?.replace(/\d+ ms/g, 'N ms')).toBe('berth: load N ms, markdown N ms, site N ms, render, images N ms, search index, checks N ms, write N ms')
})

test('npm run build passes --root, --out and --base through to berth build', { timeout: 60_000 }, async () => {
  const root = await makeSite({ 'content/a.md': post('guide/a', 'A') })
  const out = path.join(await makeTempDir(), 'site')
  const { stdout } = await run('npm', ['run', 'build', '--', '--root', root, '--out', out, '--base', '/docs/'], { cwd: REPO })
  expect(stdout).toMatch(/berth: built \d+ pages/)
  const tree = await readTree(out)
  expect(tree.get('guide/a/index.html')?.toString()).toContain('href="/docs/assets/berth.css"')
})

test('the berth bin runs from any folder and exits with the build status', { timeout: 60_000 }, async () => {
  const root = await makeSite({ 'content/a.md': '---\nurl: a\nlayout: nope\n---\n' })
  const failure = await run('node', [path.join(REPO, 'bin/berth.js'), 'build'], { cwd: root }).catch((error: { code: number; stderr: string }) => error)
  expect(failure).toMatchObject({ code: 1 })
  expect((failure as { stderr: string }).stderr).toContain('content/a.md:3:1: error: layout "nope" does not exist')
})

describe('berth check', () => {
  const warningSite = () =>
    makeSite({
      'content/a.md': post('a', '## One\n\n#### Deep\n\n![](/assets/pic.png)'),
      'assets/pic.png': pngOfSize(2, 2),
      'assets/leftover.png': pngOfSize(2, 2),
    })

  test('warnings are listed but do not fail; nothing is written', async () => {
    const root = await warningSite()
    const { code, stdout, stderr } = await cli(['check', '--root', root, '--site-url', 'https://docs.example.com'])
    expect(code).toBe(0)
    expect(stdout).toBe('berth check: 0 errors, 3 warnings')
    expect(stderr).toContain('a.md:8:1: warning: heading level jumps from h2 to h4 [heading/skipped-level]')
    expect(stderr).toContain('a.md:10:1: warning: image "/assets/pic.png" has no alt text [image/missing-alt]')
    expect(stderr).toContain('assets/leftover.png: warning: asset is not used by any page (published at /assets/leftover.png) [asset/unused]')
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  test('--strict fails on warnings, for check and build alike', async () => {
    const root = await warningSite()
    expect((await cli(['check', '--root', root, '--strict', '--site-url', 'https://docs.example.com'])).code).toBe(1)
    const built = await cli(['build', '--root', root, '--strict', '--site-url', 'https://docs.example.com'])
    expect(built.code).toBe(1)
    expect(built.stderr).toContain('build failed with 3 warnings (--strict)')
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  test('--format json prints every diagnostic for other tools', async () => {
    const root = await makeSite({ 'content/a.md': '---\nurl: a\n---\n\n[x](/nope/)\n\n![](/assets/gone.png)\n' })
    const { code, stdout } = await cli(['check', '--root', root, '--format', 'json', '--site-url', 'https://docs.example.com'], root)
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toEqual([
      { file: 'content/a.md', line: 5, column: 1, severity: 'error', ruleId: 'link/broken', message: 'link to "/nope/": no page or file at /nope/', hint: expect.any(String) },
      { file: 'content/a.md', line: 7, column: 1, severity: 'error', ruleId: 'image/missing', message: 'image "/assets/gone.png" not found: looked for assets/gone.png', hint: expect.any(String) },
      { file: 'content/a.md', line: 7, column: 1, severity: 'warning', ruleId: 'image/missing-alt', message: 'image "/assets/gone.png" has no alt text', hint: expect.any(String) },
    ])
  })

  test('a broken Dockerfile and Compose file in a post are reported at their lines, with the rule and the fix', async () => {
    const root = await makeSite({
      'content/a.md': post('a', '## Build it\n\n```dockerfile\nFROM node:20\nRUNN npm ci\n```\n\n```compose\nservices:\n  web:\n    imagee: nginx\n```'),
    })
    const { code, stderr } = await cli(['check', '--root', root, '--site-url', 'https://docs.example.com'])
    expect(code).toBe(0)
    expect(stderr).toContain('content/a.md:10:1: warning: Dockerfile: Unknown instruction: RUNN [dockerfile/unknown-instruction]')
    expect(stderr).toContain('content/a.md:16:5: warning: Compose: services.web has no key "imagee" [compose/unknown-key]\n  hint: did you mean "image"?')
  })

  test('an unknown format is a usage error', async () => {
    expect((await cli(['check', '--format', 'xml'])).code).toBe(2)
  })
})
