import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, rmSync } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import pMap from 'p-map'
import { compareByPath } from '../paths.ts'
import type { OutputFile } from '../types.ts'
import { openOutputManifest, type OutputManifest } from './output-manifest.ts'

/** Where a build's files go: the real output folder, or memory in tests. */
export type Writer = {
  /**
   * Make `files` and the files `rest` brings the output. `files` are written while `rest` is still
   * pending; when it brings `undefined` (the build failed after all), the output is left as it was.
   * Resolves to whether the output was replaced.
   */
  write(files: readonly OutputFile[], rest?: Promise<readonly OutputFile[] | undefined>): Promise<boolean>
}

const TEMP_PREFIX = '.berth-'

/** Files read or written at once: enough to keep libuv's threads busy, few enough to stay far below open-file limits. */
const FILES_AT_ONCE = 32
/** Files checked and linked between two turns of the event loop. */
const LINKS_BETWEEN_YIELDS = 64

/**
 * Write into a fresh folder beside `outDir`, then swap it in with renames, so readers and a failed or
 * interrupted build only ever see the old tree or the new one. Leftovers of killed builds are removed.
 * With a `manifest` file, files that come out as the last build left them are hard-linked from the
 * old tree instead of written again.
 */
export function createFsWriter(outDir: string, options: { manifest?: string } = {}): Writer {
  const parent = path.dirname(outDir)
  const name = path.basename(outDir)
  return {
    async write(files, rest = Promise.resolve([])) {
      await removeLeftovers(parent, name)
      const manifest = options.manifest ? await openOutputManifest(options.manifest, outDir) : undefined
      const stamp = `${process.pid}-${randomBytes(4).toString('hex')}`
      const staging = path.join(parent, `${TEMP_PREFIX}new-${name}-${stamp}`)
      const retired = path.join(parent, `${TEMP_PREFIX}old-${name}-${stamp}`)
      await mkdir(staging, { recursive: true })
      try {
        const [written, brought] = await Promise.allSettled([writeAll(staging, files, manifest), rest])
        if (written.status === 'rejected') throw written.reason
        if (brought.status === 'rejected') throw brought.reason
        if (!brought.value) {
          await rm(staging, { recursive: true, force: true })
          return false
        }
        await writeAll(staging, brought.value, manifest)
        const hadOutput = await rename(outDir, retired).then(
          () => true,
          (error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') return false
            throw error
          },
        )
        await rename(staging, outDir)
        // Nothing else is left to do, and removing a tree in one synchronous call is twice as fast.
        if (hadOutput) rmSync(retired, { recursive: true, force: true })
        await manifest?.save()
        return true
      } catch (error) {
        await rm(staging, { recursive: true, force: true })
        throw error
      }
    },
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
        else files.set(file.path, file.contents ?? '')
      }
      return true
    },
  }
}


async function writeAll(dir: string, files: readonly OutputFile[], manifest?: OutputManifest): Promise<void> {
  // A site has a folder per page; made one by one through the thread pool they took a second.
  const folders = new Set(files.map((f) => path.dirname(path.join(dir, f.path))))
  for (const folder of [...folders].sort()) mkdirSync(folder, { recursive: true })
  if (manifest) await writeOrLinkAll(dir, files, manifest)
  else await pMap(files, (file) => writeOne(dir, file), { concurrency: FILES_AT_ONCE })
}

function writeOne(dir: string, file: OutputFile): Promise<void> {
  const target = path.join(dir, file.path)
  return file.from !== undefined ? copyFile(file.from, target) : writeFile(target, file.contents ?? '')
}

/**
 * Link the last build's copy when it is still the right one (a link costs a fraction of a write); else
 * write. Checking and linking are a few microseconds each, so they run here in small synchronous runs
 * rather than as thousands of round trips through the thread pool.
 */
async function writeOrLinkAll(dir: string, files: readonly OutputFile[], manifest: OutputManifest): Promise<void> {
  const writes: { file: OutputFile; made: string }[] = []
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!
    const made = manifest.madeOf(file)
    const previous = manifest.reusable(file, made)
    if (previous !== undefined && tryLink(previous, path.join(dir, file.path))) manifest.keep(file)
    else writes.push({ file, made })
    // Let Pagefind's replies and the other stages' I/O through now and then.
    if (i % LINKS_BETWEEN_YIELDS === LINKS_BETWEEN_YIELDS - 1) await new Promise((resolve) => setImmediate(resolve))
  }
  await pMap(writes, ({ file }) => writeOne(dir, file), { concurrency: FILES_AT_ONCE })
  for (const { file, made } of writes) manifest.note(dir, file, made)
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

/** Remove staging and retired folders of builds whose process is gone. */
async function removeLeftovers(parent: string, name: string): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(parent)
  } catch {
    return
  }
  const pattern = new RegExp(`^${escapeRegExp(TEMP_PREFIX)}(?:new|old)-${escapeRegExp(name)}-(\\d+)-[0-9a-f]+$`)
  for (const entry of entries) {
    const pid = pattern.exec(entry)?.[1]
    if (pid && !isAlive(Number(pid))) await rm(path.join(parent, entry), { recursive: true, force: true })
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
