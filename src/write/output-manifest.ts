import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { digestOf } from '../digest-files.ts'
import { contentsOf } from '../output-contents.ts'
import type { OutputFile } from '../types.ts'

/** How a published file was made (a digest of its bytes, or its source file's size and date), and how it lay on disk after. */
export type Entry = { made: string; size: number; mtimeMs: number; ino: number }

/** The files of one output tree. */
export type Tree = Map<string, Entry>

/**
 * What the writer knows of the trees it left: the live output, and the spare (the output before it,
 * kept to be turned into the next output). A file in either is reused only when it was made the same
 * way and still lies exactly as the writer left it (same inode, size and date), so a file edited or
 * replaced by hand is written afresh.
 */
export type OutputManifest = { live?: Tree; spare?: Tree }

/** How `file` is made: what must match for a copy on disk to be reused. */
export function madeOf(file: OutputFile): string {
  if (file.from === undefined) return `sha256:${file.digest ?? digestOf(contentsOf(file))}`
  const source = statSync(file.from)
  return `copy:${file.from}:${source.size}:${source.mtimeMs}`
}

/** True when `file` under `dir` is the tree's entry for it, made as `made`, untouched since. */
export function isIntact(tree: Tree | undefined, dir: string, file: string, made: string): boolean {
  const entry = tree?.get(file)
  return entry !== undefined && entry.made === made && liesAsLeft(entry, dir, file)
}

/** True when `file` under `dir` is still the file the writer noted in `entry`: same inode, size and date. */
export function liesAsLeft(entry: Entry, dir: string, file: string): boolean {
  const now = statSync(path.join(dir, file), { throwIfNoEntry: false })
  return now !== undefined && now.isFile() && now.ino === entry.ino && now.size === entry.size && now.mtimeMs === entry.mtimeMs
}

/** The entry for a file just written under `dir`. */
export function entryOf(dir: string, file: string, made: string): Entry {
  const now = statSync(path.join(dir, file))
  return { made, size: now.size, mtimeMs: now.mtimeMs, ino: now.ino }
}


/**
 * The bytes of a published file, when the writer left it with this digest and it lies untouched since;
 * read only when called, and undefined should the file have changed by then.
 */
export type PublishedCopies = (outputPath: string, digest: string) => (() => Buffer | undefined) | undefined

/** The published copies in `dir`, as the writer's record `live` says it left them. */
export function publishedCopies(dir: string, live: Tree | undefined): PublishedCopies {
  return (outputPath, digest) => {
    if (!isIntact(live, dir, outputPath, `sha256:${digest}`)) return undefined
    return () => {
      try {
        const bytes = readFileSync(path.join(dir, outputPath))
        return digestOf(bytes) === digest ? bytes : undefined
      } catch {
        return undefined
      }
    }
  }
}
