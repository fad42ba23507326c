// Plain JavaScript: berth's command line (bin.js) finds its build server before it loads the rest of
// berth, which would cost more than a build on a warm server takes.
import { createHash } from 'node:crypto'
import { lstatSync, mkdirSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import path from 'node:path'

const DEFAULT_IDLE_MINUTES = 15

/** The commands a build server runs: the ones that build once and exit. */
const SERVED_COMMANDS = new Set(['build', 'check'])

/**
 * Variables a process reads once, as it starts (its locale, Node's own options): a server started
 * under other values would not build as a fresh process would, so they are part of its address. The
 * rest of the environment is handed over with each build.
 */
const STARTUP_VARIABLES = /^(LANG|LANGUAGE|LC_[A-Z]+|NODE_OPTIONS|NODE_ICU_DATA|UV_THREADPOOL_SIZE)$/

/** Node flags a server gets on top of the command line's: it collects its garbage after each build (see server.ts). */
export const SERVER_FLAGS = ['--expose-gc']

/**
 * Where the build server of the berth installed at `root` would listen for this command, or undefined
 * when the command does not go through one: another command, `BERTH_BUILD_SERVER=0`, a CI machine
 * (one build each, nothing to keep warm), `BERTH_BUNDLE=0` (berth runs from its sources, and a server
 * checks its code by its bundle's name), Windows, or no private folder for the socket.
 *
 * The address names everything a server must share with the process asking it to build, but the
 * code: berth's folder, Node and its flags, and the variables read at start-up. That the server's
 * code is still berth's current code, the server checks itself before each build (see server.ts).
 */
export function buildServerAddress(argv, { root, env = process.env, tmp = tmpdir(), execArgv = process.execArgv }) {
  // Windows has no socket folder of the user's own, and its named pipes are open to other users unless told otherwise.
  if (!SERVED_COMMANDS.has(argv[0] ?? '') || idleMinutes(env) === 0 || isCi(env) || env.BERTH_BUNDLE === '0' || process.platform === 'win32') return undefined
  const startup = Object.keys(env)
    .filter((name) => STARTUP_VARIABLES.test(name))
    .sort()
    .map((name) => `${name}=${env[name]}`)
  const id = createHash('sha256')
    .update(JSON.stringify([root, process.execPath, process.version, execArgv, startup]))
    .digest('hex')
    .slice(0, 16)
  const folder = privateFolder(tmp)
  return folder && path.join(folder, `${id}.sock`)
}

/** How long a server waits for its next build before it exits: `BERTH_BUILD_SERVER` minutes (0: no server), else 15. */
export function idleMinutes(env) {
  const minutes = Number(env.BERTH_BUILD_SERVER)
  return env.BERTH_BUILD_SERVER !== undefined && env.BERTH_BUILD_SERVER.trim() !== '' && Number.isFinite(minutes) && minutes >= 0 ? minutes : DEFAULT_IDLE_MINUTES
}

/** CI services set CI=true; a build there runs once, so a server would only linger. */
function isCi(env) {
  return env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false'
}

/**
 * A folder only this user can enter, for the sockets: anyone who could connect to a server could
 * have it build (and so read and write) as this user. Undefined when it is not that: made by someone
 * else, a link, or open to others.
 */
function privateFolder(tmp) {
  const uid = process.getuid?.()
  const folder = path.join(tmp, `berth-${uid ?? userInfo().username}`)
  try {
    mkdirSync(folder, { mode: 0o700, recursive: true })
    const stat = lstatSync(folder)
    return stat.isDirectory() && (uid === undefined || stat.uid === uid) && (stat.mode & 0o077) === 0 ? folder : undefined
  } catch {
    return undefined
  }
}
