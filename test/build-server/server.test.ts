import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { appendFile, cp, mkdir, readdir, realpath, stat, symlink, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { onMessages, send, type ServerMessage } from '../../src/build-server/messages.js'
import { REPO } from '../helpers/cli.ts'
import { makeSite, makeTempDir, pngOfSize, post } from '../helpers/temp-site.ts'
import { readTree } from '../helpers/tree.ts'

// The command line as a user runs it, with the build server on: each test has its own temp folder,
// so its own server, which exits a few seconds after its last build (or is killed at the end).

type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

const servers: number[] = []
afterEach(() => {
  for (const pid of servers.splice(0)) killQuietly(pid)
})

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // Gone already.
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Wait for `condition`, up to 10 s (a killed process takes a moment to go). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error('waited 10 s in vain')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The environment of a command line whose build server lives in `tmp` and waits 12 s for its next build. */
function serverEnv(tmp: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, CI: '', BERTH_BUILD_SERVER: '0.2', TMPDIR: tmp, ...extra }
}

/** Run berth's command line (of the berth in `berth`) as a process; with `umask`, under that file mode mask. */
function berth(args: string[], cwd: string, env: NodeJS.ProcessEnv, umask?: string, berth = REPO): { child: ReturnType<typeof spawn>; done: Promise<Run> } {
  const command = [process.execPath, path.join(berth, 'src/bin.js'), ...args]
  const child = umask ? spawn('/bin/sh', ['-c', `umask ${umask} && exec "$@"`, 'sh', ...command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(command[0]!, command.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk) => (stdout += chunk))
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })))
  return { child, done }
}

/** The socket of the server in `tmp`, once one answers there. */
async function serverSocket(tmp: string): Promise<string> {
  for (;;) {
    const folders = (await readdir(tmp)).filter((name) => name.startsWith('berth-') && !name.startsWith('berth-pagefind'))
    for (const folder of folders) {
      const sockets = (await readdir(path.join(tmp, folder)).catch(() => [])).filter((name) => name.endsWith('.sock'))
      for (const socket of sockets) if (await answers(path.join(tmp, folder, socket))) return path.join(tmp, folder, socket)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function answers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(address)
    probe.once('connect', () => (probe.destroy(), resolve(true)))
    probe.once('error', () => resolve(false))
  })
}

/** Send the server a request as a command line would; resolves once it starts, with its process id and the end of the request. */
function ask(address: string, argv: string[], cwd: string): Promise<{ pid?: number; busy?: boolean; finished: Promise<ServerMessage[]> }> {
  return new Promise((resolve) => {
    const socket = connect(address)
    const messages: ServerMessage[] = []
    const finished = new Promise<ServerMessage[]>((done) => socket.on('close', () => done(messages)))
    socket.once('connect', () => send(socket, { argv, cwd, env: { ...process.env, CI: '' } as Record<string, string>, umask: process.umask() }))
    onMessages<ServerMessage>(socket, (message) => {
      messages.push(message)
      if ('started' in message) resolve({ pid: message.started, finished })
      if ('busy' in message) resolve({ busy: true, finished })
    })
  })
}

/**
 * The server's process id (asked through a request that builds nothing, once the server has warmed
 * up and is no longer busy), noted to be killed after the test.
 */
async function serverPid(address: string): Promise<number> {
  for (;;) {
    const { pid, finished } = await ask(address, ['--version'], REPO)
    await finished
    if (pid !== undefined) {
      servers.push(pid)
      return pid
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function smallSite(): Promise<string> {
  return makeSite({
    'content/a.md': post('a', '# A\n\n![dot][dot]\n\n[dot]: /assets/dot.png\n'),
    'content/b.md': post('b', '# B\n\nSee [A](a.md).\n'),
    'assets/dot.png': pngOfSize(4, 3),
    'berth.config.json': JSON.stringify({ url: 'https://docs.example.com' }),
  })
}

test('the first build starts a server; the next runs on it and writes the same bytes as a build in its own process', { timeout: 120_000 }, async () => {
  const tmp = await makeTempDir()
  const root = await smallSite()
  const first = await berth(['build'], root, serverEnv(tmp)).done
  expect(first).toMatchObject({ code: 0, stderr: '' })
  expect(first.stdout).not.toContain('on the build server')
  const socket = await serverSocket(tmp)
  await serverPid(socket)
  await appendFile(path.join(root, 'content/b.md'), '\nA second paragraph.\n')
  // From another folder, with --root relative to it: the server builds where the command line is.
  const second = await berth(['build', '--root', path.basename(root)], path.dirname(root), serverEnv(tmp)).done
  expect(second).toMatchObject({ code: 0, stderr: '' })
  expect(second.stdout).toMatch(/^berth: built 5 pages and 4 assets into .*dist\/ in \d+ ms on the build server \(1 post and \d+ pages? from the cache\)\n$/)
  const again = await berth(['build'], root, serverEnv(tmp)).done
  expect(again.stdout).toMatch(/^berth: dist\/ is up to date: nothing changed since the last build \(5 pages, \d+ ms on the build server\)\n$/)
  const alone = await berth(['build', '--no-cache', '--out', 'alone'], root, serverEnv(tmp, { BERTH_BUILD_SERVER: '0' })).done
  expect(alone.code).toBe(0)
  expect(await readTree(path.join(root, 'dist'))).toEqual(await readTree(path.join(root, 'alone')))
  expect((await readTree(path.join(root, 'dist'))).get('b/index.html')?.toString()).toContain('A second paragraph.')
})

test.skipIf(process.platform === 'win32')('a build on the server makes files with the command line\'s file mode mask, not the server\'s', { timeout: 120_000 }, async () => {
  const tmp = await makeTempDir()
  expect(await berth(['build'], await smallSite(), serverEnv(tmp), '022').done).toMatchObject({ code: 0 })
  await serverPid(await serverSocket(tmp))
  const root = await smallSite()
  const served = await berth(['build'], root, serverEnv(tmp), '027').done
  expect(served.stdout).toContain('on the build server')
  expect((await stat(path.join(root, 'dist/a/index.html'))).mode & 0o777).toBe(0o640)
})

test.skipIf(process.platform !== 'linux')('an idle server keeps no site folder in use (its working folder, read from /proc, is elsewhere)', { timeout: 120_000 }, async () => {
  const tmp = await makeTempDir()
  expect(await berth(['build'], await smallSite(), serverEnv(tmp)).done).toMatchObject({ code: 0 })
  const socket = await serverSocket(tmp)
  const pid = await serverPid(socket)
  const root = await smallSite()
  expect((await berth(['build'], root, serverEnv(tmp)).done).stdout).toContain('on the build server')
  expect(await realpath(`/proc/${pid}/cwd`)).not.toBe(await realpath(root))
})

test('a server exits after BERTH_BUILD_SERVER idle minutes, even with a connection open that asked nothing, and removes its socket', { timeout: 120_000 }, async () => {
  const tmp = await makeTempDir()
  // 0.05 minutes: 3 seconds.
  expect(await berth(['build'], await smallSite(), serverEnv(tmp, { BERTH_BUILD_SERVER: '0.05' })).done).toMatchObject({ code: 0 })
  const socket = await serverSocket(tmp)
  const pid = await serverPid(socket)
  const silent = connect(socket)
  silent.on('error', () => undefined)
  await until(() => !isRunning(pid))
  expect(existsSync(socket)).toBe(false)
  silent.destroy()
})

test('on the server, problems in the site are diagnostics at file:line:column with exit code 1, and check works too', { timeout: 120_000 }, async () => {
  const tmp = await makeTempDir()
  const root = await smallSite()
  expect((await berth(['build'], root, serverEnv(tmp)).done).code).toBe(0)
  await serverPid(await serverSocket(tmp))
  await writeFile(path.join(root, 'content/c.md'), '---\nurl: c\ntags: 5\n---\n\nText.\n')
  const failed = await berth(['build'], root, serverEnv(tmp)).done
  expect(failed.code).toBe(1)
  expect(failed.stderr).toContain('content/c.md:3:1: error: front matter field "tags": expected array, got the number 5 [front-matter/invalid-field]')
  expect(failed.stderr).toMatch(/build failed with 1 error; dist was left as it was/)
  expect(failed.stderr).not.toMatch(/\n\s+at /)
  const checked = await berth(['check', '--format', 'json'], root, serverEnv(tmp)).done
  expect(checked.code).toBe(1)
  expect(JSON.parse(checked.stdout)).toEqual([expect.objectContaining({ file: 'content/c.md', line: 3, column: 1, severity: 'error' })])
})

test('a build that finds the server busy runs in its own process', { timeout: 120_000 }, async () => {
  const tmp = await makeTempDir()
  const root = await smallSite()
  expect((await berth(['build'], root, serverEnv(tmp)).done).code).toBe(0)
  const socket = await serverSocket(tmp)
  await serverPid(socket)
  // Keep the server busy: a dev server runs on it until this request goes away.
  const busy = await ask(socket, ['dev', '--root', root, '--port', '0'], root)
  expect(busy.pid).toBeDefined()
  await appendFile(path.join(root, 'content/a.md'), '\nMore.\n')
  const alongside = await berth(['build'], root, serverEnv(tmp)).done
  expect(alongside.code).toBe(0)
  expect(alongside.stdout).toMatch(/^berth: built 5 pages .* ms \(/)
  expect(alongside.stdout).not.toContain('on the build server')
  expect(await ask(socket, ['--version'], root)).toMatchObject({ busy: true })
})

test('Ctrl-C stops a build running on the server: the server goes, the output folder is not touched, the next build works', { timeout: 120_000 }, async () => {
  const tmp = await makeTempDir()
  const warm = await smallSite()
  expect((await berth(['build'], warm, serverEnv(tmp)).done).code).toBe(0)
  const socket = await serverSocket(tmp)
  const pid = await serverPid(socket)
  const files: Record<string, string | Uint8Array> = {}
  // Enough assets to copy that the build is still writing when the signal comes.
  for (let i = 0; i < 20; i++) files[`content/p${i}.md`] = post(`posts/p${i}`, `Post ${i}.`)
  for (let i = 0; i < 150; i++) files[`assets/blob-${i}.bin`] = new Uint8Array(200_000).fill(i % 256)
  const root = await makeSite(files)
  const { child, done } = berth(['build'], root, serverEnv(tmp))
  // Its staging folder appears once the server is building and writing.
  while (!(await readdir(root)).some((name) => name.startsWith('.berth-new-'))) await new Promise((r) => setTimeout(r, 5))
  child.kill('SIGINT')
  expect(await done).toMatchObject({ code: null, signal: 'SIGINT' })
  expect(existsSync(path.join(root, 'dist'))).toBe(false)
  await until(() => !isRunning(pid))
  // The staging folder the killed server left goes with the next build, which starts a new server.
  const again = await berth(['build'], root, serverEnv(tmp)).done
  expect(again.code).toBe(0)
  expect(again.stdout).not.toContain('on the build server')
  expect((await readdir(root)).filter((name) => name.startsWith('.berth-'))).toEqual([])
  expect(await serverPid(await serverSocket(tmp))).not.toBe(pid)
})

test('a server killed outright leaves its socket behind; the next build runs in its own process and a new server takes the socket over', { timeout: 120_000 }, async () => {
  const tmp = await makeTempDir()
  const root = await smallSite()
  expect((await berth(['build'], root, serverEnv(tmp)).done).code).toBe(0)
  const socket = await serverSocket(tmp)
  process.kill(await serverPid(socket), 'SIGKILL')
  while (await answers(socket)) await new Promise((r) => setTimeout(r, 20))
  expect(existsSync(socket)).toBe(true)
  await appendFile(path.join(root, 'content/a.md'), '\nMore.\n')
  const alone = await berth(['build'], root, serverEnv(tmp)).done
  expect(alone.code).toBe(0)
  expect(alone.stdout).not.toContain('on the build server')
  expect(await serverSocket(tmp)).toBe(socket)
  await serverPid(socket)
  await appendFile(path.join(root, 'content/a.md'), '\nMore still.\n')
  const served = await berth(['build'], root, serverEnv(tmp)).done
  expect(served.stdout).toContain('on the build server')
})

test('a server whose berth changed since it started builds nothing: it goes, and the command builds with the new code and starts a server of it', { timeout: 120_000 }, async () => {
  // A copy of berth whose sources the test can change; its packages are the repository's, its bundles its own.
  const copy = await makeTempDir('berth-copy-')
  for (const part of ['src', 'templates', 'package.json']) await cp(path.join(REPO, part), path.join(copy, part), { recursive: true })
  await mkdir(path.join(copy, 'node_modules'))
  for (const name of await readdir(path.join(REPO, 'node_modules'))) if (name !== '.cache') await symlink(path.join(REPO, 'node_modules', name), path.join(copy, 'node_modules', name))
  const tmp = await makeTempDir()
  const root = await smallSite()
  const build = async () => (await berth(['build'], root, serverEnv(tmp), undefined, copy).done).stdout
  expect(await build()).not.toContain('on the build server')
  const socket = await serverSocket(tmp)
  const old = await serverPid(socket)
  await appendFile(path.join(root, 'content/a.md'), '\nMore.\n')
  expect(await build()).toContain('on the build server')
  // berth changes (an upgrade, a checkout): the old server must not build with its old code.
  await appendFile(path.join(copy, 'src/ports.ts'), '\n// changed\n')
  await appendFile(path.join(root, 'content/a.md'), '\nMore still.\n')
  // Here, not on the server; and with new code, nothing comes from the caches.
  expect(await build()).toMatch(/^berth: built 5 pages and 4 assets into dist\/ in \d+ ms\n$/)
  await until(() => !isRunning(old))
  const renewed = await serverPid(await serverSocket(tmp))
  expect(renewed).not.toBe(old)
  await appendFile(path.join(root, 'content/a.md'), '\nAnd more.\n')
  expect(await build()).toContain('on the build server')
})

test("a server's socket file is removed only while it is still that server's: a successor's at the same address stays", async () => {
  const { listen } = await import('../../src/build-server/server.ts')
  const { createServer } = await import('node:net')
  const address = path.join(await makeTempDir(), 'server.sock')
  const old = createServer()
  const releaseOld = (await listen(old, address))!
  // The old server stops listening and lets go of the address; a successor takes it.
  old.close()
  releaseOld()
  expect(existsSync(address)).toBe(false)
  const successor = createServer()
  const releaseSuccessor = (await listen(successor, address))!
  // The old process exits now, and runs its release again: the successor's socket stays.
  releaseOld()
  expect(await answers(address)).toBe(true)
  successor.close()
  releaseSuccessor()
  expect(existsSync(address)).toBe(false)
})
