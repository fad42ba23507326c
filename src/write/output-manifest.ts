import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { OutputFile } from '../types.ts'

/** Bumped whenever the manifest's shape changes. */
const FORMAT = 1

/** How a published file was made (a digest of its bytes, or its source file's size and date), and how it lay on disk after. */
type Entry = { made: string; size: number; mtimeMs: number; ino: number }

/**
 * What the last build wrote into an output folder, so the next one can hard-link the files that come
 * out the same instead of writing them again. A file is taken over only when it was made the same way
 * and is still exactly as the last build left it (same inode, size and date): an edited or replaced
 * file in the output is written afresh.
 */
export type OutputManifest = {
  /** How `file` is made now; compare with `previous`. */
  madeOf(file: OutputFile): string
  /** The output path of a file the last build wrote that can be taken over, if `made` matches. */
  reusable(file: OutputFile, made: string): string | undefined
  /** Note a file this build wrote into `dir`. */
  note(dir: string, file: OutputFile, made: string): void
  /** Note a file this build took over from the last one. */
  keep(file: OutputFile): void
  /** Keep this build's notes for the next one (after the swap, so it describes the live output). */
  save(): Promise<void>
}

type Saved = { format: number; outDir: string; files: Record<string, Entry> }

export async function openOutputManifest(manifestFile: string, outDir: string): Promise<OutputManifest> {
  const previous = await readManifest(manifestFile, outDir)
  const next: Record<string, Entry> = {}
  return {
    madeOf(file) {
      if (file.from === undefined) return `sha256:${createHash('sha256').update(file.contents ?? '').digest('base64')}`
      const source = statSync(file.from)
      return `copy:${file.from}:${source.size}:${source.mtimeMs}`
    },
    reusable(file, made) {
      const entry = previous?.get(file.path)
      if (!entry || entry.made !== made) return undefined
      const target = path.join(outDir, file.path)
      const now = statSync(target, { throwIfNoEntry: false })
      return now && now.ino === entry.ino && now.size === entry.size && now.mtimeMs === entry.mtimeMs ? target : undefined
    },
    note(dir, file, made) {
      const now = statSync(path.join(dir, file.path))
      next[file.path] = { made, size: now.size, mtimeMs: now.mtimeMs, ino: now.ino }
    },
    keep(file) {
      const entry = previous?.get(file.path)
      if (entry) next[file.path] = entry
    },
    async save() {
      try {
        await mkdir(path.dirname(manifestFile), { recursive: true })
        const temp = `${manifestFile}.${process.pid}.tmp`
        await writeFile(temp, JSON.stringify({ format: FORMAT, outDir, files: next } satisfies Saved))
        await rename(temp, manifestFile)
      } catch {
        // Without a manifest the next build writes every file: slower, never wrong.
      }
    },
  }
}

async function readManifest(file: string, outDir: string): Promise<Map<string, Entry> | undefined> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Saved
    if (saved?.format !== FORMAT || saved.outDir !== outDir || !saved.files || typeof saved.files !== 'object') return undefined
    return new Map(Object.entries(saved.files).filter(([, entry]) => isEntry(entry)))
  } catch {
    return undefined
  }
}

function isEntry(entry: Entry): boolean {
  return typeof entry?.made === 'string' && typeof entry.size === 'number' && typeof entry.mtimeMs === 'number' && typeof entry.ino === 'number'
}
