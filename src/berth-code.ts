import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { digestFile, digestTree } from './digest-files.ts'

/** berth's own folder (package.json, src/, lib/, templates/): one level above this module, compiled or not. */
export const BERTH_ROOT = path.resolve(import.meta.dirname, '..')

// Set by scripts/compile.ts in the compiled lib/: the digest of the sources it compiled.
declare const BERTH_COMPILED_CODE: string | undefined

/**
 * A digest of berth's code as it lies in `root`: every file under src/, the lock file (the packages
 * the compiled code bundles) and the version. The compile step names lib/ by it; run from the sources,
 * it is taken once per process.
 */
export function digestBerthSources(root: string): string {
  const hash = createHash('sha256')
  digestTree(hash, path.join(root, 'src'))
  for (const file of ['package-lock.json', 'package.json']) digestFile(hash, path.join(root, file), root)
  return hash.digest('hex')
}

let running: string | undefined

/**
 * What berth's running code and theme are, for the cache's salt: a new berth, another version of any
 * package, or an edited theme template never trusts an old entry. The theme is read at run time, so it
 * is digested here (a few dozen small files); the code was digested when it was compiled.
 */
export function berthCode(root = BERTH_ROOT): string {
  if (root === BERTH_ROOT && running !== undefined) return running
  const hash = createHash('sha256')
  hash.update(root === BERTH_ROOT && typeof BERTH_COMPILED_CODE === 'string' ? BERTH_COMPILED_CODE : digestBerthSources(root))
  digestTree(hash, path.join(root, 'templates'))
  const digest = hash.digest('hex')
  if (root === BERTH_ROOT) running = digest
  return digest
}

/** berth's version, from its package.json. */
export function berthVersion(): string {
  return (JSON.parse(readFileSync(path.join(BERTH_ROOT, 'package.json'), 'utf8')) as { version: string }).version
}
