import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BERTH_ROOT } from '../berth-root.ts'
import { SERVER_FLAGS } from './address.ts'
import { onMessages, send, type ServerMessage } from './messages.ts'

type Output = { out: (text: string) => void; err: (text: string) => void }

/**
 * How a command went on a build server: its exit code; `none` when no server answered, `busy` when
 * it was building for someone else (either way, build in this process); `lost` when the server
 * stopped in the middle of the build, which is then not finished.
 */
export type ServerOutcome = { exit: number } | 'none' | 'busy' | 'lost'

/**
 * Run a command on the build server at `address`, printing its output here as it comes. Ctrl-C here
 * stops the server's build, as it would stop a build in this process.
 */
export function runOnBuildServer(address: string, argv: readonly string[], output: Output): Promise<ServerOutcome> {
  return new Promise((resolve) => {
    const socket = connect(address)
    let server: number | undefined
    let outcome: ServerOutcome | undefined
    const onSignal = (signal: NodeJS.Signals) => {
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
      const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined))
      send(socket, { argv: [...argv], cwd: process.cwd(), env, umask: process.umask() })
    })
    onMessages<ServerMessage>(socket, (message) => {
      if ('started' in message) {
        server = message.started
        process.on('SIGINT', onSignal).on('SIGTERM', onSignal)
      } else if ('out' in message) output.out(message.out)
      else if ('err' in message) output.err(message.err)
      else if ('exit' in message) outcome = { exit: message.exit }
      else if ('busy' in message) outcome = 'busy'
    })
  })
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // Gone already.
  }
}

/** Start a build server at `address` in the background, for the next command; it outlives this process. */
export function startBuildServer(address: string): void {
  const child = spawn(process.execPath, [...process.execArgv, ...SERVER_FLAGS, path.join(BERTH_ROOT, 'src', 'build-server.js'), address], {
    detached: true,
    stdio: 'ignore',
    // Not this command's folder: a server should not keep a folder in use that the user may remove.
    cwd: tmpdir(),
  })
  child.unref()
}
