// Plain JavaScript: berth's command line (bin.js) runs a build on the build server before it loads the
// rest of berth, which would cost more than a build on a warm server takes.
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { SERVER_FLAGS } from './address.js'
import { onMessages, send } from './messages.js'

/**
 * Run a command on the build server at `address`, printing its output here as it comes. Ctrl-C here
 * stops the server's build, as it would stop a build in this process.
 *
 * Resolves to the command's exit code; to `none` when no server answered or the one there runs older
 * code (and is going away), `busy` when it was building for someone else (either way, build in this
 * process); to `lost` when the server stopped in the middle of the build, which is then not finished.
 */
export function runOnBuildServer(address, argv, output) {
  return new Promise((resolve) => {
    const socket = connect(address)
    let server
    let outcome
    const onSignal = (signal) => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
      // The server's build stops now, before this process goes the way the signal says.
      if (server !== undefined) killQuietly(server)
      process.kill(process.pid, signal)
    }
    socket.once('error', () => undefined)
    socket.once('close', () => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
      resolve(outcome ?? (server === undefined ? 'none' : 'lost'))
    })
    socket.once('connect', () => {
      const env = Object.fromEntries(Object.entries(process.env).filter((entry) => entry[1] !== undefined))
      send(socket, { argv: [...argv], cwd: process.cwd(), env, umask: process.umask() })
    })
    onMessages(socket, (message) => {
      if ('started' in message) {
        server = message.started
        process.on('SIGINT', onSignal).on('SIGTERM', onSignal)
      } else if ('out' in message) output.out(message.out)
      else if ('err' in message) output.err(message.err)
      else if ('exit' in message) outcome = { exit: message.exit }
      else if ('busy' in message) outcome = 'busy'
      else if ('stale' in message) outcome = 'none'
    })
  })
}

function killQuietly(pid) {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // Gone already.
  }
}

/** Start a build server at `address` for the berth installed at `root`, in the background, for the next command; it outlives this process. */
export async function startBuildServer(address, root) {
  // Loaded only here: a command that a server takes never needs it.
  const { spawn } = await import('node:child_process')
  const child = spawn(process.execPath, [...process.execArgv, ...SERVER_FLAGS, path.join(root, 'src', 'build-server.js'), address], {
    detached: true,
    stdio: 'ignore',
    // Not this command's folder: a server should not keep a folder in use that the user may remove.
    cwd: tmpdir(),
  })
  child.unref()
}
