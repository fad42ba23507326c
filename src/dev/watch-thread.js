// The dev server's file watcher, in a thread of its own. chokidar reads a folder again, and stats each
// of its files, on every save in it (a thousand posts in one folder cost the main thread 30–40 ms a
// save); here that work runs beside the rebuild instead of inside it. Plain JavaScript, so the same
// file runs from berth's sources and from lib/. It posts `{ event, file }` for each file added,
// changed or removed, `{ error }` when chokidar reports one, `'ready'` once watching, and stops when
// told `'close'`.
import path from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { watch } from 'chokidar'

/** @type {{ root: string, inputs: string[], configFiles: string[] }} */
const { root, inputs, configFiles } = workerData

/** Whether a path is no input of the site: outside content/, assets/, templates/ and the config files. */
function ignored(/** @type {string} */ file) {
  const absolute = path.resolve(file)
  if (absolute === root || configFiles.includes(absolute)) return false
  const input = inputs.find((dir) => absolute === dir || absolute.startsWith(dir + path.sep))
  // Editors' swap and backup files, and dotfiles in general, are not site input.
  return !input || /(^|[/\\])\.[^/\\]|~$|\.swp$/.test(path.relative(input, absolute))
}

// One watcher on the site folder that skips all but its inputs: chokidar stops reporting anything
// when one of several watched paths does not exist yet (a site without templates/, say).
const watcher = watch(root, { ignoreInitial: true, ignored })
watcher.on('all', (event, file) => {
  if (event === 'add' || event === 'change' || event === 'unlink') parentPort?.postMessage({ event, file: path.resolve(file) })
})
// An error left unheard would end the thread, and the dev server with it.
watcher.on('error', (error) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }))
watcher.once('ready', () => parentPort?.postMessage('ready'))
parentPort?.on('message', async (message) => {
  if (message !== 'close') return
  await watcher.close()
  parentPort?.close()
})
