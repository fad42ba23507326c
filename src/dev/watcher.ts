import path from 'node:path'
import { watch } from 'chokidar'
import type { ResolvedConfig } from '../config.ts'
import { classifyPath, type Change, type FileEvent } from './plan.ts'

export type SiteWatcher = { ready: Promise<void>; close: () => Promise<void> }

/** Watch content/, assets/, templates/ and the config files; report each change with its kind. */
export function watchSite(config: ResolvedConfig, onChange: (change: Change) => void): SiteWatcher {
  const inputs = new Set([config.contentDir, config.assetsDir, config.templatesDir])
  const configFiles = new Set(['berth.config.json', 'package.json'].map((name) => path.join(config.root, name)))
  // One watcher on the site folder that skips all but its inputs: chokidar stops reporting anything
  // when one of several watched paths does not exist yet (a site without templates/, say).
  const ignored = (file: string) => {
    const absolute = path.resolve(file)
    if (absolute === config.root || configFiles.has(absolute)) return false
    const input = [...inputs].find((dir) => absolute === dir || absolute.startsWith(dir + path.sep))
    // Editors' swap and backup files, and dotfiles in general, are not site input.
    return !input || /(^|[/\\])\.[^/\\]|~$|\.swp$/.test(path.relative(input, absolute))
  }
  const watcher = watch(config.root, { ignoreInitial: true, ignored })
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
