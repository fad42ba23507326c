// Plain JavaScript, so load-berth.js can use it before any TypeScript loader runs.
import { existsSync } from 'node:fs'
import path from 'node:path'

/** The first `relative` path that exists in `from` or a folder above it, the way Node looks for packages. */
export function findUp(from, relative) {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, relative)
    if (existsSync(file)) return file
    if (path.dirname(dir) === dir) return undefined
  }
}
