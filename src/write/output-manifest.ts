import { statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { writeWhole } from '../cache-folder.ts'
import { digestOf } from '../digest-files.ts'
import { contentsOf } from '../output-contents.ts'
import type { OutputFile } from '../types.ts'

/** Bumped whenever the manifest's shape changes. */
const FORMAT = 2

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

/** The manifest's file in the writer's state folder. */
export function outputManifestFile(stateDir: string): string {
  return path.join(stateDir, 'manifest.json')
}

type Saved = { format: number; outDir: string; live: Record<string, Entry>; spare?: Record<string, Entry> }

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

export async function readOutputManifest(manifestFile: string, outDir: string): Promise<OutputManifest> {
  try {
    const saved = JSON.parse(await readFile(manifestFile, 'utf8')) as Saved
    if (saved?.format !== FORMAT || saved.outDir !== outDir) return {}
    return { live: toTree(saved.live), spare: toTree(saved.spare) }
  } catch {
    return {}
  }
}

/** Without a manifest the next build writes every file: slower, never wrong. */
export function saveOutputManifest(manifestFile: string, outDir: string, manifest: OutputManifest): void {
  const saved: Saved = { format: FORMAT, outDir, live: Object.fromEntries(manifest.live ?? []), ...(manifest.spare ? { spare: Object.fromEntries(manifest.spare) } : {}) }
  writeWhole(manifestFile, JSON.stringify(saved))
}

function toTree(files: Record<string, Entry> | undefined): Tree | undefined {
  if (!files || typeof files !== 'object') return undefined
  return new Map(Object.entries(files).filter(([, entry]) => isEntry(entry)))
}

function isEntry(entry: Entry): boolean {
  return typeof entry?.made === 'string' && typeof entry.size === 'number' && typeof entry.mtimeMs === 'number' && typeof entry.ino === 'number'
}
