import { randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { readFile, rename } from 'node:fs/promises'
import path from 'node:path'
import { removeAbandonedFolders } from '../abandoned-folders.ts'
import { contentsOf } from '../output-contents.ts'
import { compareByPath } from '../paths.ts'
import type { OutputFile } from '../types.ts'
import type { OutputManifest, Tree } from './output-manifest.ts'
import { placeFiles, pruneTree } from './place-files.ts'

/** Where a build's files go: the real output folder, or memory in tests. */
export type Writer = {
  /** Make `files` the output, whole. */
  write(files: readonly OutputFile[]): Promise<void>
}

const TEMP_PREFIX = '.berth-'

/**
 * Write into a fresh folder beside `outDir`, then swap it in with renames, so readers and a failed or
 * interrupted build only ever see the old tree or the new one. Leftovers of killed builds are removed.
 *
 * With a `spareDir` (in berth's cache) and the record of what the last write left (`known`, kept in
 * berth's cache), the writer keeps the output it replaces as a spare: the next build turns the spare
 * into its staging folder, so it writes only the files that changed and removes the ones that went,
 * instead of writing or linking every file again; unchanged files missing from the spare are
 * hard-linked from the live output. `record()` tells what the write left, for the next one.
 */
export function createFsWriter(outDir: string, options: { spareDir?: string; known?: OutputManifest } = {}): Writer & { record(): OutputManifest | undefined } {
  const parent = path.dirname(outDir)
  const name = path.basename(outDir)
  const { spareDir } = options
  let record: OutputManifest | undefined
  return {
    record: () => record,
    async write(files) {
      await removeLeftovers(parent, name)
      const known = spareDir ? (options.known ?? {}) : undefined
      const stamp = `${process.pid}-${randomBytes(4).toString('hex')}`
      const staging = path.join(parent, `${TEMP_PREFIX}new-${name}-${stamp}`)
      const retired = path.join(parent, `${TEMP_PREFIX}old-${name}-${stamp}`)
      const fromSpare = known?.spare !== undefined && spareDir !== undefined && moveFolder(spareDir, staging)
      if (!fromSpare) mkdirSync(staging, { recursive: true })
      const reusable = known ? { own: fromSpare ? known.spare : undefined, live: known.live, liveDir: outDir } : undefined
      const tree: Tree = new Map()
      try {
        // The spare holds an older output: what is not in this one goes.
        if (fromSpare) pruneTree(staging, new Set(files.map((f) => f.path)))
        await placeFiles(staging, files, tree, reusable)
        const hadOutput = await rename(outDir, retired).then(
          () => true,
          (error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') return false
            throw error
          },
        )
        await rename(staging, outDir)
        // The replaced output becomes the next build's spare when the writer knows its files; else it goes.
        const spareKept = hadOutput && known?.live !== undefined && spareDir !== undefined && moveFolder(retired, spareDir)
        if (hadOutput && !spareKept) rmSync(retired, { recursive: true, force: true })
        if (spareDir) record = { live: tree, ...(spareKept && known?.live ? { spare: known.live } : {}) }
      } catch (error) {
        rmSync(staging, { recursive: true, force: true })
        throw error
      }
    },
  }
}

/** Rename a folder to a new place (replacing what is there); false when it cannot be, e.g. across file systems. */
function moveFolder(from: string, to: string): boolean {
  try {
    rmSync(to, { recursive: true, force: true })
    mkdirSync(path.dirname(to), { recursive: true })
    renameSync(from, to)
    return true
  } catch {
    return false
  }
}

/** Keep the written files in a map, for tests. */
export function createMemoryWriter(): Writer & { files: Map<string, Uint8Array | string> } {
  const files = new Map<string, Uint8Array | string>()
  return {
    files,
    async write(outputs) {
      files.clear()
      for (const file of [...outputs].sort(compareByPath)) {
        if (file.from !== undefined) files.set(file.path, new Uint8Array(await readFile(file.from)))
        else files.set(file.path, contentsOf(file))
      }
    },
  }
}

/** Remove the staging and retired folders of builds whose process is gone, and this process's own earlier ones. */
function removeLeftovers(parent: string, name: string): Promise<void> {
  return removeAbandonedFolders(parent, new RegExp(`^${escapeRegExp(TEMP_PREFIX)}(?:new|old)-${escapeRegExp(name)}-(\\d+)-[0-9a-f]+$`), { ownToo: true })
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
