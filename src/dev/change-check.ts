import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'

/** A digest of a file's bytes, or `missing`. */
export async function digestFile(file: string): Promise<string> {
  try {
    return createHash('sha1').update(await readFile(file)).digest('hex')
  } catch {
    return 'missing'
  }
}

/**
 * File watchers drop events for saves that land within the file system's timestamp granularity of each
 * other (a few ms), so a burst of saves can end without an event for the last one. Remember what each
 * changed file held when its rebuild started, and report the ones that differ by now.
 */
export async function snapshotFiles(files: readonly string[]): Promise<Map<string, string>> {
  return new Map(await Promise.all(files.map(async (file) => [file, await digestFile(file)] as const)))
}

export async function findChangedSince(snapshot: ReadonlyMap<string, string>): Promise<string[]> {
  const changed: string[] = []
  for (const [file, digest] of snapshot) if ((await digestFile(file)) !== digest) changed.push(file)
  return changed
}
