// Plain JavaScript, so load-berth.js can use it before any TypeScript loader runs.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { findUp } from './find-up.js'

/**
 * A digest of the packages installed where `from` resolves its dependencies: npm's record of the
 * installed tree (`node_modules/.package-lock.json`, every package and version, transitive ones
 * included) in the nearest folder above that has one; without it (another package manager), the
 * manifests of the packages `from` depends on directly.
 */
export function installedPackagesDigest(from) {
  const hash = createHash('sha256')
  const record = findUp(from, path.join('node_modules', '.package-lock.json'))
  if (record) return hash.update(readFileSync(record)).digest('hex')
  let manifest
  try {
    manifest = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8'))
  } catch {
    // No manifest: a folder that depends on nothing.
    return hash.digest('hex')
  }
  for (const name of Object.keys(manifest.dependencies ?? {}).sort()) {
    const file = findUp(from, path.join('node_modules', name, 'package.json'))
    hash.update(`\0${name}\0`)
    if (file) hash.update(readFileSync(file))
  }
  return hash.digest('hex')
}
