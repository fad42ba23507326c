import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ResolvedConfig } from '../config.ts'
import { classifyPath, type Change, type FileEvent } from './plan.ts'

export type SiteWatcher = { ready: Promise<void>; close: () => Promise<void> }

/** The watcher's thread, beside this module in berth's sources and in lib/ alike. */
const WATCH_THREAD = new URL('./watch-thread.js', import.meta.url)

/** Watch content/, assets/, templates/ and the config files (in a thread: see watch-thread.js); report each change with its kind. */
export function watchSite(config: ResolvedConfig, onChange: (change: Change) => void): SiteWatcher {
  const workerData = {
    root: config.root,
    inputs: [config.contentDir, config.assetsDir, config.templatesDir],
    configFiles: ['berth.config.json', 'package.json'].map((name) => path.join(config.root, name)),
  }
  const thread = new Worker(WATCH_THREAD, { workerData })
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()))
  const ready = new Promise<void>((resolve) => {
    thread.on('message', (message: 'ready' | { event: FileEvent; file: string }) => {
      if (message === 'ready') return resolve()
      const kind = classifyPath(message.file, config)
      if (kind) onChange({ kind, event: message.event, path: message.file })
    })
  })
  return {
    ready,
    close: async () => {
      thread.postMessage('close')
      await exited
    },
  }
}
