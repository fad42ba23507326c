import { existsSync, rmSync } from 'node:fs'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BERTH_ROOT, RUNNING_BUNDLE } from '../berth-root.ts'
import { bundleName } from '../bundle-folder.js'
import { main } from '../cli.ts'
import { buildServerAddress, idleMinutes, SERVER_FLAGS } from './address.js'
import { onMessages, send, type BuildRequest } from './messages.js'

/**
 * Run builds for berth's command line, one at a time, in this process, which stays warm between them:
 * berth's modules loaded and compiled, V8's optimised code kept, Pagefind's process running. Each build
 * is the command line's own `main()` with the asking process's folder, environment and arguments, and
 * reads and writes the site and its caches exactly as a build in a fresh process does; nothing of a
 * site is kept in memory from one build to the next.
 *
 * Exits when idle for `BERTH_BUILD_SERVER` minutes (15 by default, as set when it started), when
 * another server already listens at `address`, when this process's start-up environment would not give
 * that address, when berth's sources or installed packages are no longer those its bundle was made
 * of (checked before each build: the command line does not check, see bin.js), and when a command
 * line goes away in the middle of its build (Ctrl-C): the build stops as a fresh process's would.
 */
export async function serveBuilds(address: string): Promise<void> {
  // The address of the command line that started this server: its Node flags are this process's without the server's own.
  const execArgv = process.execArgv.slice(0, process.execArgv.length - SERVER_FLAGS.length)
  if (buildServerAddress(['build'], { root: BERTH_ROOT, execArgv }) !== address || !isCurrentBundle(RUNNING_BUNDLE)) return
  const idleMs = idleMinutes(process.env) * 60_000
  const server = createServer()
  let busy = false
  let idle: NodeJS.Timeout | undefined
  let releaseSocket: () => void = () => undefined
  const restartIdleTimer = () => {
    clearTimeout(idle)
    // Not server.close(), which would wait for every connection, even one that never asks anything.
    idle = setTimeout(() => process.exit(0), idleMs)
  }
  server.on('connection', (socket) => {
    let asked = false
    onMessages<BuildRequest>(socket, (request) => {
      // One request per connection.
      if (asked) return
      asked = true
      if (busy || !isRequest(request)) {
        if (busy) send(socket, { busy: true })
        socket.end()
        return
      }
      if (!isCurrentBundle(RUNNING_BUNDLE)) {
        // berth changed since this server started: the command line builds with the new code, and
        // starts a server of that code, which can listen here once this one is gone.
        server.close()
        releaseSocket()
        send(socket, { stale: true })
        socket.end(() => process.exit(0))
        return
      }
      busy = true
      clearTimeout(idle)
      runRequest(socket, request).then(
        () => {
          // A large site's build leaves hundreds of MB of garbage that V8 would keep until the next
          // build, which then pays for collecting it: collected now, while idle, the server holds a
          // fraction of that and its next build is faster (at 4,000 posts, 260 MB instead of 600 MB,
          // 3.7 s instead of 4.5 s). A small site's is left to V8: collecting it gains nothing.
          collectGarbage()
          busy = false
          restartIdleTimer()
        },
        () => process.exit(1),
      )
    })
  })
  const release = await listen(server, address)
  if (!release) return
  releaseSocket = release
  // A new server's first build would run before V8 has optimised any of berth. A build of berth's own
  // bundled site warms it first, through every stage but writing nothing (a dry run without the
  // caches); a command that comes meanwhile finds the server busy and builds in its own process.
  busy = true
  await warmUp()
  busy = false
  restartIdleTimer()
}

/**
 * Whether `bundle` is the bundle of berth's sources (in `src`) and installed packages as they are now.
 * Taken before each build (5 ms on a warm server): a server running older code must not build.
 */
export function isCurrentBundle(bundle: string | undefined, src = path.join(BERTH_ROOT, 'src')): boolean {
  try {
    // esbuild's version counts as it does for load-berth.js, resolved from there.
    return bundle !== undefined && path.basename(bundle) === bundleName(src, path.join(src, 'load-berth.js'))
  } catch {
    // The sources cannot be read as they were bundled: no bundle is theirs.
    return false
  }
}

async function warmUp(): Promise<void> {
  const [{ build }] = await Promise.all([import('../build.ts'), import('../write/up-to-date.ts')])
  await build({ root: BERTH_ROOT, dryRun: true, cache: false, threads: 0 }).catch(() => undefined)
}

/** Heap in use above which a build's garbage is collected as soon as it is done. */
const COLLECT_ABOVE_BYTES = 96 * 2 ** 20

function collectGarbage(): void {
  if (process.memoryUsage().heapUsed > COLLECT_ABOVE_BYTES) (globalThis as { gc?: () => void }).gc?.()
}

function isRequest(request: BuildRequest): boolean {
  if (typeof request !== 'object' || request === null) return false
  const { argv, cwd, env, umask } = request
  return Array.isArray(argv) && argv.every((arg) => typeof arg === 'string') && typeof cwd === 'string' && typeof env === 'object' && env !== null && Number.isInteger(umask)
}

/** Run one command line's request, sending its output and exit code back. */
async function runRequest(socket: Socket, request: BuildRequest): Promise<void> {
  // The command line that asked went away: stop here, as its build would have.
  socket.once('close', () => process.exit(130))
  send(socket, { started: process.pid })
  useEnvironment(request.env)
  // Files are made with the modes the command line's own process would give them.
  process.umask(request.umask)
  try {
    process.chdir(request.cwd)
  } catch {
    // berth resolves paths against the request's folder itself; this is for what a package resolves alone.
  }
  const code = await main(request.argv, { out: (text) => send(socket, { out: text }), err: (text) => send(socket, { err: text }), cwd: request.cwd, onBuildServer: true })
  socket.removeAllListeners('close')
  send(socket, { exit: code })
  socket.end()
  // While idle, the server keeps no site's folder in use (one on a drive the user would unmount).
  process.chdir(tmpdir())
}

/** Make this process's environment the asking process's: berth and its packages read it as they build. */
function useEnvironment(env: Record<string, string>): void {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name]
  Object.assign(process.env, env)
}

/**
 * Listen at the address; undefined when another server is there already. A socket file that no
 * server answers on is what a server that was killed leaves behind: it is replaced. Resolves to what
 * removes the socket file, which is also done as this process exits, but only once: a server that
 * let go of its address (its code was replaced) may have a successor there by the time it exits.
 */
export async function listen(server: Server, address: string): Promise<(() => void) | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      server.once('error', resolve)
      server.listen(address, () => resolve(undefined))
    })
    if (!error) {
      let released = false
      const release = () => {
        if (!released) rmSync(address, { force: true })
        released = true
      }
      process.once('exit', release)
      return release
    }
    if (error.code !== 'EADDRINUSE' || (await answers(address)) || !existsSync(address)) return undefined
    rmSync(address, { force: true })
  }
  return undefined
}

function answers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(address)
    probe.once('connect', () => (probe.destroy(), resolve(true)))
    probe.once('error', () => resolve(false))
  })
}
