import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ResolvedConfig } from '../config.ts'
import { classifyPath, type Change, type FileEvent } from './plan.ts'

export type SiteWatcher = { ready: Promise<void>; close: () => Promise<void> }

/** The watcher's thread, beside this module in berth's sources and in lib/ alike. */
const WATCH_THREAD = new URL('./watch-thread.js', import.meta.url)

/** What the watcher's thread posts. */
export type WatchMessage = 'ready' | { event: FileEvent; file: string } | { error: string }

/**
 * Watch content/, assets/, templates/ and the config files (in a thread: see watch-thread.js); report
 * each change with its kind, and what goes wrong with the watching (the server keeps serving).
 */
export function watchSite(config: ResolvedConfig, onChange: (change: Change) => void, onError: (problem: string) => void): SiteWatcher {
  const workerData = {
    root: config.root,
    inputs: [config.contentDir, config.assetsDir, config.templatesDir],
    configFiles: ['berth.config.json', 'package.json'].map((name) => path.join(config.root, name)),
  }
  const thread = new Worker(WATCH_THREAD, { workerData })
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()))
  const ready = new Promise<void>((resolve) => {
    thread.on('message', (message: WatchMessage) => (message === 'ready' ? resolve() : handleWatchMessage(message, config, onChange, onError)))
    // A thread that stopped watching must not leave the server waiting for it, nor take it down.
    thread.on('error', (error) => {
      onError(`the file watcher stopped: ${error.message}`)
      resolve()
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

/** A change or a problem the watcher's thread posted, handed on. */
export function handleWatchMessage(message: Exclude<WatchMessage, 'ready'>, config: ResolvedConfig, onChange: (change: Change) => void, onError: (problem: string) => void): void {
  if ('error' in message) return onError(`the file watcher reported: ${message.error}`)
  const kind = classifyPath(message.file, config)
  if (kind) onChange({ kind, event: message.event, path: message.file })
}
