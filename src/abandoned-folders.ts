import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'

/**
 * Remove the folders in `parent` that a berth process left behind when it was stopped or killed: those
 * whose name `pattern` matches, with the id of a process that no longer runs as its first group. With
 * `ownToo`, this process's own count as left behind as well (a write it gave up on).
 */
export async function removeAbandonedFolders(parent: string, pattern: RegExp, { ownToo = false } = {}): Promise<void> {
  let names: string[]
  try {
    names = await readdir(parent)
  } catch {
    return
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1])
    if (pid > 0 && ((ownToo && pid === process.pid) || !isRunning(pid))) await rm(path.join(parent, name), { recursive: true, force: true })
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
