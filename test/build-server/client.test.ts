import { spawn } from 'node:child_process'
import { createServer, type Socket } from 'node:net'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { runOnBuildServer } from '../../src/build-server/client.js'
import { onMessages, send, type BuildRequest, type ServerMessage } from '../../src/build-server/messages.js'
import { makeTempDir } from '../helpers/temp-site.ts'

const closers: (() => void)[] = []
afterEach(() => closers.splice(0).forEach((close) => close()))

/** A stand-in server at a fresh socket that answers each request with `answer`; returns its address and the requests it got. */
async function fakeServer(answer: (socket: Socket, request: BuildRequest) => void): Promise<{ address: string; requests: BuildRequest[] }> {
  const address = path.join(await makeTempDir(), 'server.sock')
  const requests: BuildRequest[] = []
  const server = createServer((socket) => onMessages<BuildRequest>(socket, (request) => (requests.push(request), answer(socket, request))))
  await new Promise<void>((resolve) => server.listen(address, resolve))
  closers.push(() => server.close())
  return { address, requests }
}

function capture() {
  const lines: string[] = []
  return { lines, output: { out: (t: string) => lines.push(`out: ${t}`), err: (t: string) => lines.push(`err: ${t}`) } }
}

test('the command, its folder and environment go to the server; its output comes back in order, then its exit code', async () => {
  const { address, requests } = await fakeServer((socket) => {
    const messages: ServerMessage[] = [{ started: process.pid }, { out: 'one' }, { err: 'two\nlines' }, { out: 'three' }, { exit: 3 }]
    for (const message of messages) send(socket, message)
    socket.end()
  })
  const { lines, output } = capture()
  expect(await runOnBuildServer(address, ['build', '--root', 'x'], output)).toEqual({ exit: 3 })
  expect(lines).toEqual(['out: one', 'err: two\nlines', 'out: three'])
  expect(requests).toEqual([{ argv: ['build', '--root', 'x'], cwd: process.cwd(), env: expect.objectContaining({ BERTH_BUILD_SERVER: '0' }), umask: process.umask() }])
})

test('no server at the address, a busy one or one of older code, said apart: build here', async () => {
  const { output } = capture()
  expect(await runOnBuildServer(path.join(await makeTempDir(), 'none.sock'), ['build'], output)).toBe('none')
  const busy = await fakeServer((socket) => (send(socket, { busy: true }), socket.end()))
  expect(await runOnBuildServer(busy.address, ['build'], output)).toBe('busy')
  // A server of older code is as good as none: the command line builds, and starts a server of its own code.
  const stale = await fakeServer((socket) => (send(socket, { stale: true }), socket.end()))
  expect(await runOnBuildServer(stale.address, ['build'], output)).toBe('none')
})

test('a server that stops in the middle of a build is lost: the build is not done', async () => {
  const { address } = await fakeServer((socket) => {
    send(socket, { started: process.pid })
    send(socket, { out: 'half' })
    socket.destroy()
  })
  const { lines, output } = capture()
  expect(await runOnBuildServer(address, ['build'], output)).toBe('lost')
  expect(lines).toEqual(['out: half'])
})

test('Ctrl-C during a build on the server kills the server and stops the command line by the signal', { timeout: 30_000 }, async () => {
  // The "server" is a process of its own that never finishes its build; the command line runs as a child.
  const server = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  closers.push(() => server.kill('SIGKILL'))
  const serverGone = new Promise((resolve) => server.on('exit', (_code, signal) => resolve(signal)))
  // Its output line reaches the command line after the process id, so the command line knows whom to stop.
  const { address } = await fakeServer((socket) => (send(socket, { started: server.pid! }), send(socket, { out: 'building' })))
  const script = `import { runOnBuildServer } from ${JSON.stringify(path.resolve(import.meta.dirname, '../../src/build-server/client.js'))}
runOnBuildServer(${JSON.stringify(address)}, ['build'], { out: console.log, err: console.error })`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('building') && resolve()))
  child.kill('SIGINT')
  expect(await exited).toEqual({ code: null, signal: 'SIGINT' })
  expect(await serverGone).toBe('SIGKILL')
})
