import { spawn, spawnSync } from 'node:child_process'
import { cp, readdir, symlink } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { REPO } from './helpers/cli.ts'
import { makeSite, makeTempDir, post } from './helpers/temp-site.ts'
import { readTree } from './helpers/tree.ts'

/** Run a command in a process group of its own; resolves with its exit code and the group's id. */
function runInGroup(args: string[], cwd: string): Promise<{ code: number | null; group: number; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, group: child.pid!, stderr })))
}

/** Whether a process of the group still runs, after waiting up to 3 s for it to exit (a zombie awaiting its reaper does not run). */
async function groupStillRuns(group: number): Promise<boolean> {
  for (let waited = 0; waited < 3000; waited += 100) {
    const listed = spawnSync('ps', ['-o', 'stat=', '-g', String(group)], { encoding: 'utf8' }).stdout
    if (!listed.split('\n').some((stat) => stat.trim() !== '' && !stat.trim().startsWith('Z'))) return false
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return true
}

test('berth build and berth check leave no process behind: the command\'s whole process group is gone when it exits', { timeout: 120_000 }, async () => {
  // Enough posts for the worker pool, and search on, so Pagefind's process runs too.
  const files: Record<string, string> = {}
  for (let i = 0; i < 320; i++) files[`content/p${i}.md`] = post(`posts/p${i}`, `# Post ${i}\n\nSome words.\n`)
  const root = await makeSite(files)
  for (const command of [['build', '--threads', '2'], ['check']]) {
    const run = await runInGroup([path.join(REPO, 'bin/berth.js'), ...command, '--root', root], root)
    expect(run.code, run.stderr).toBe(0)
    expect(await groupStillRuns(run.group), `a process of "berth ${command[0]}" outlived it`).toBe(false)
  }
  // Nothing listens for a later command: berth's cache folder holds files and folders, no socket.
  const left = await readdir(path.join(root, 'node_modules/.cache/berth'), { recursive: true, withFileTypes: true })
  expect(left.map((entry) => entry.name)).toContain('cache.bin')
  expect(left.filter((entry) => !entry.isFile() && !entry.isDirectory()).map((entry) => entry.name)).toEqual([])
})

test('berth runs from a copy of itself that it never writes into (a read-only install works)', { timeout: 120_000 }, async () => {
  const install = path.join(await makeTempDir('berth-install-'), 'berth')
  for (const part of ['bin', 'lib', 'templates', 'package.json']) await cp(path.join(REPO, part), path.join(install, part), { recursive: true })
  await symlink(path.join(REPO, 'node_modules'), path.join(install, 'node_modules'))
  const before = await readTree(install)
  const root = await makeSite({ 'content/a.md': post('a', '# A\n\nHello.\n') })
  const run = await runInGroup([path.join(install, 'bin/berth.js'), 'build', '--root', root], root)
  expect(run.code, run.stderr).toBe(0)
  expect((await readTree(path.join(root, 'dist'))).has('a/index.html')).toBe(true)
  expect(await readTree(install)).toEqual(before)
})
