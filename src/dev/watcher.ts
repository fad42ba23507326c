import path from 'node:path'
import { watch } from 'chokidar'
import type { ResolvedConfig } from '../config.ts'
import { classifyPath, type Change, type FileEvent } from './plan.ts'

export type SiteWatcher = { ready: Promise<void>; close: () => Promise<void> }

/** Watch content/, assets/, templates/ and the config files; report each change with its kind. */
export function watchSite(config: ResolvedConfig, onChange: (change: Change) => void): SiteWatcher {
  const targets = [config.contentDir, config.assetsDir, config.templatesDir, path.join(config.root, 'berth.config.json'), path.join(config.root, 'package.json')]
  const watcher = watch(targets, {
    ignoreInitial: true,
    // Editors' swap and backup files, and dotfiles in general, are not site input.
    ignored: (file) => /(^|[/\\])\.[^/\\]|~$|\.swp$/.test(path.relative(config.root, file)),
  })
  watcher.on('all', (event, file) => {
    const fileEvent: FileEvent | undefined = event === 'add' || event === 'change' || event === 'unlink' ? event : undefined
    if (!fileEvent) return
    const absolute = path.resolve(file)
    const kind = classifyPath(absolute, config)
    if (kind) onChange({ kind, event: fileEvent, path: absolute })
  })
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  return { ready, close: () => watcher.close() }
}
