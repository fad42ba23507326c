// Plain JavaScript: load-berth.js names bundles with it before any TypeScript loader runs, and a build
// server checks with it that the bundle it runs from is still the one of the current sources.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { installedPackagesDigest } from './installed-packages.js'

/** Where the bundles of berth's sources are kept (load-berth.js makes them), relative to berth's own folder. */
export const BUNDLES_FOLDER = path.join('node_modules', '.cache', 'berth-bundle')

/**
 * The name of the bundle of the sources in `src` as they are now: a digest of their folder, every
 * source file's name and bytes, the version of esbuild (resolved from the file `resolveFrom`) and the
 * packages installed for the package above `src`. Any change to any of them names another bundle.
 */
export function bundleName(src, resolveFrom) {
  const hash = createHash('sha256')
  // The folder counts too: the bundle points berth-root.ts at it.
  for (const part of [src, bundlerVersion(resolveFrom), installedPackagesDigest(path.dirname(src))]) hash.update(part).update('\0')
  const names = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((name) => /\.[cm]?[jt]s$/.test(name)).sort()
  for (const name of names) hash.update(`\0${name}\0`).update(readFileSync(path.join(src, name)))
  return hash.digest('hex').slice(0, 24)
}

/** esbuild's version, read without loading it (which would cost more than the rest of a start). */
function bundlerVersion(resolveFrom) {
  return JSON.parse(readFileSync(createRequire(resolveFrom).resolve('esbuild/package.json'), 'utf8')).version
}
