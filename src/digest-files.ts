import { createHash, type Hash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { BERTH_ROOT, RUNNING_BUNDLE } from './berth-root.ts'
import { installedPackagesDigest } from './installed-packages.js'

/**
 * Feed every file under `dir` into `hash` in a fixed order, each by `feedFile` (by default its name and
 * bytes); a missing folder counts as missing.
 */
export function digestTree(hash: Hash, dir: string, feedFile: (hash: Hash, file: string) => void = digestFile): void {
  let names: string[]
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()
  } catch {
    hash.update(`\0missing:${dir}`)
    return
  }
  for (const name of names) feedFile(hash, path.join(dir, name))
}

/** Feed a file's name and bytes into `hash`. */
export function digestFile(hash: Hash, file: string): void {
  hash.update(`\0${file}\0`)
  try {
    hash.update(readFileSync(file))
  } catch {
    // A folder, or a file that is not there: its name alone counts.
  }
}

/**
 * A digest of berth's version, the code in some of its folders and the packages installed beside it:
 * a cache entry made by other code, or with another version of unified, liquidjs or any of their
 * dependencies, is never trusted.
 */
export function berthCodeFingerprint(...folders: string[]): string {
  const hash = createHash('sha256')
  // The version only: this repository's package.json also holds its site's config.
  hash.update(String((JSON.parse(readFileSync(path.join(BERTH_ROOT, 'package.json'), 'utf8')) as { version: string }).version))
  feedBerthCode(hash, folders)
  return hash.digest('hex')
}

/**
 * Feed what berth's running code is made of into `hash`. Run from a bundle, that is the bundle's name,
 * a digest of every source file and installed package (see load-berth.js), so nothing is read: the
 * code a process runs cannot change under it, and a build server would otherwise read and hash the
 * same files on every build. Run from the sources, it is the files in `folders` (each by `feedFile`)
 * and the installed packages.
 */
export function feedBerthCode(hash: Hash, folders: readonly string[], feedFile: (hash: Hash, file: string) => void = digestFile, bundle = RUNNING_BUNDLE): void {
  if (bundle !== undefined) {
    hash.update(`\0bundle:${path.basename(bundle)}`)
    return
  }
  for (const folder of folders) digestTree(hash, path.join(BERTH_ROOT, folder), feedFile)
  hash.update(installedPackagesDigest(BERTH_ROOT))
}

/** The digest of a file's contents, as the caches and the writer compare them. */
export function digestOf(contents: string | Uint8Array): string {
  return createHash('sha256').update(contents).digest('base64')
}
