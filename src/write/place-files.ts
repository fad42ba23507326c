import { copyFile, writeFile } from 'node:fs/promises'
import { linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import pMap from 'p-map'
import { contentsOf } from '../output-contents.ts'
import type { OutputFile } from '../types.ts'
import { yieldToEvents } from '../yield-to-events.ts'
import { entryOf, isIntact, madeOf, type Tree } from './output-manifest.ts'

/** Files written at once: enough to keep libuv's threads busy, few enough to stay far below open-file limits. */
const FILES_AT_ONCE = 32
/** Files checked and linked between two turns of the event loop. */
const CHECKS_BETWEEN_YIELDS = 64

/** What a tree being filled can reuse: its own files (when it is the spare, an older output) and the live output's. */
export type Reusable = { own?: Tree; live?: Tree; liveDir: string }

/**
 * Put `files` into `dir` and note each one in `tree`. A file already in `dir` and intact stays; one the
 * live output has intact is hard-linked from there (a link costs a fraction of a write); the rest are
 * written. Checking and linking take microseconds, so they run in short synchronous runs rather than
 * as thousands of round trips through the thread pool. Without `reusable`, everything is written.
 */
export async function placeFiles(dir: string, files: readonly OutputFile[], tree: Tree, reusable?: Reusable): Promise<void> {
  // A site has a folder per page; made one by one through the thread pool they took a second.
  const folders = new Set(files.map((f) => path.dirname(path.join(dir, f.path))))
  for (const folder of [...folders].sort()) mkdirSync(folder, { recursive: true })
  if (!reusable) {
    await pMap(files, (file) => writeOne(dir, file), { concurrency: FILES_AT_ONCE })
    return
  }
  const writes: { file: OutputFile; made: string }[] = []
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!
    const made = madeOf(file)
    if (isIntact(reusable.own, dir, file.path, made)) tree.set(file.path, reusable.own!.get(file.path)!)
    else {
      const target = path.join(dir, file.path)
      // What is there (from the spare, or a file linked earlier at the same path, which the checks
      // will reject) may share its inode with the live output: replace it, never write into it.
      rmSync(target, { force: true })
      if (isIntact(reusable.live, reusable.liveDir, file.path, made) && tryLink(path.join(reusable.liveDir, file.path), target)) tree.set(file.path, reusable.live!.get(file.path)!)
      else writes.push({ file, made })
    }
    // Let Pagefind's replies and the other stages' I/O through now and then.
    if (i % CHECKS_BETWEEN_YIELDS === CHECKS_BETWEEN_YIELDS - 1) await yieldToEvents()
  }
  await pMap(writes, ({ file }) => writeOne(dir, file), { concurrency: FILES_AT_ONCE })
  for (const { file, made } of writes) tree.set(file.path, entryOf(dir, file.path, made))
}

/** Remove everything under `dir` that is not one of `keep` (paths relative to it) or a folder holding one. */
export function pruneTree(dir: string, keep: ReadonlySet<string>): void {
  const folders = new Set<string>()
  for (const file of keep) for (let at = file.lastIndexOf('/'); at > 0; at = file.lastIndexOf('/', at - 1)) folders.add(file.slice(0, at))
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory() && folders.has(child)) walk(child)
      else if (entry.isDirectory() || !keep.has(child)) rmSync(path.join(dir, child), { recursive: true, force: true })
    }
  }
  walk('')
}

function writeOne(dir: string, file: OutputFile): Promise<void> {
  const target = path.join(dir, file.path)
  return file.from !== undefined ? copyFile(file.from, target) : writeFile(target, contentsOf(file))
}

/** A file system without hard links just gets the file written. */
function tryLink(existing: string, target: string): boolean {
  try {
    linkSync(existing, target)
    return true
  } catch {
    return false
  }
}
