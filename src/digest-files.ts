import { createHash, type Hash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { listTree } from './list-tree.ts'

/**
 * Feed every file under `dir` into `hash` in a fixed order, each by `feedFile` (by default its path
 * relative to `dir` and its bytes); a missing folder counts as missing.
 */
export function digestTree(hash: Hash, dir: string, feedFile: (hash: Hash, file: string, base: string) => void = digestFile): void {
  let names: string[]
  try {
    names = listTree(dir).map((entry) => entry.relPath).sort()
  } catch {
    hash.update('\0missing')
    return
  }
  for (const name of names) feedFile(hash, path.join(dir, name), dir)
}

/** Feed a file's name (relative to `base`, so a moved folder digests the same) and bytes into `hash`. */
export function digestFile(hash: Hash, file: string, base = ''): void {
  hash.update(`\0${base ? path.relative(base, file) : file}\0`)
  try {
    hash.update(readFileSync(file))
  } catch {
    // A folder, or a file that is not there: its name alone counts.
  }
}

/** The digest of a file's contents, as the caches and the writer compare them. */
export function digestOf(contents: string | Uint8Array): string {
  return createHash('sha256').update(contents).digest('base64')
}
