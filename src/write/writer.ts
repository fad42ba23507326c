import { randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { readFile, rename } from 'node:fs/promises'
import path from 'node:path'
import { removeAbandonedFolders } from '../abandoned-folders.ts'
import { contentsOf } from '../output-contents.ts'
import { compareByPath } from '../paths.ts'
import type { OutputFile } from '../types.ts'
import { outputManifestFile, readOutputManifest, saveOutputManifest, type Tree } from './output-manifest.ts'
import { placeFiles, pruneTree } from './place-files.ts'

/** Where a build's files go: the real output folder, or memory in tests. */
export type Writer = {
  /**
   * Make `files` and the files `rest` brings the output. `files` are written while `rest` is still
   * pending; when it brings `undefined` (the build failed after all), the output is left as it was.
   * Resolves to whether the output was replaced.
   */
  write(files: readonly OutputFile[], rest?: Promise<readonly OutputFile[] | undefined>, options?: WriteOptions): Promise<boolean>
}

export type WriteOptions = {
  /** The folder (`pagefind/`) that every file `rest` brings lies in: the rest of the output is settled before they come. */
  restFolder?: string
}

const TEMP_PREFIX = '.berth-'

/**
 * Write into a fresh folder beside `outDir`, then swap it in with renames, so readers and a failed or
 * interrupted build only ever see the old tree or the new one. Leftovers of killed builds are removed.
 *
 * With a `state` folder (in berth's cache), the writer remembers how it made every file, and keeps the
 * output it replaces there as a spare: the next build turns the spare into its staging folder, so it
 * writes only the files that changed and removes the ones that went, instead of writing or linking
 * every file again; unchanged files missing from the spare are hard-linked from the live output.
 */
export function createFsWriter(outDir: string, options: { state?: string } = {}): Writer {
  const parent = path.dirname(outDir)
  const name = path.basename(outDir)
  const manifestFile = options.state && outputManifestFile(options.state)
  const spareDir = options.state && path.join(options.state, 'spare')
  return {
    async write(files, rest = Promise.resolve([]), { restFolder } = {}) {
      await removeLeftovers(parent, name)
      const known = manifestFile ? await readOutputManifest(manifestFile, outDir) : undefined
      const stamp = `${process.pid}-${randomBytes(4).toString('hex')}`
      const staging = path.join(parent, `${TEMP_PREFIX}new-${name}-${stamp}`)
      const retired = path.join(parent, `${TEMP_PREFIX}old-${name}-${stamp}`)
      const fromSpare = known?.spare !== undefined && spareDir !== undefined && moveFolder(spareDir, staging)
      if (!fromSpare) mkdirSync(staging, { recursive: true })
      const reusable = known ? { own: fromSpare ? known.spare : undefined, live: known.live, liveDir: outDir } : undefined
      const tree: Tree = new Map()
      try {
        let late: readonly OutputFile[] | undefined
        if (fromSpare && restFolder !== undefined) {
          // The spare holds an older output. Everything outside the late files' folder is settled
          // while they are being made; that folder once they are known.
          pruneTree(staging, new Set(files.map((f) => f.path)), { except: restFolder })
          await placeFiles(staging, files, tree, reusable)
          late = await rest
          if (late) {
            pruneTree(staging, new Set([...files, ...late].map((f) => f.path)), { within: restFolder })
            await placeFiles(staging, late, tree, reusable)
          }
        } else if (fromSpare) {
          // The spare holds an older output: what stays and what goes is known only once every file is.
          late = await rest
          if (late) {
            const all = [...files, ...late]
            pruneTree(staging, new Set(all.map((f) => f.path)))
            await placeFiles(staging, all, tree, reusable)
          }
        } else {
          const [written, brought] = await Promise.allSettled([placeFiles(staging, files, tree, reusable), rest])
          if (written.status === 'rejected') throw written.reason
          if (brought.status === 'rejected') throw brought.reason
          late = brought.value
          if (late) await placeFiles(staging, late, tree, reusable)
        }
        if (!late) {
          rmSync(staging, { recursive: true, force: true })
          return false
        }
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
        if (manifestFile) saveOutputManifest(manifestFile, outDir, { live: tree, ...(spareKept ? { spare: known?.live } : {}) })
        return true
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
    async write(outputs, rest = Promise.resolve([])) {
      const late = await rest
      if (!late) return false
      files.clear()
      for (const file of [...outputs, ...late].sort(compareByPath)) {
        if (file.from !== undefined) files.set(file.path, new Uint8Array(await readFile(file.from)))
        else files.set(file.path, contentsOf(file))
      }
      return true
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
