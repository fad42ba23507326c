import { mkdtempSync } from 'node:fs'
import { readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** Scratch folders are named with the process that made them, so a later build knows which are abandoned. */
const PREFIX = 'berth-pagefind-'

/** A new folder in the system's temporary folder for Pagefind to write one shard into; the caller removes it. */
export function makeScratchFolder(temp = tmpdir()): string {
  return mkdtempSync(path.join(temp, `${PREFIX}${process.pid}-`))
}

/**
 * Remove the scratch folders of berth processes that no longer run: a build stopped with Ctrl-C or
 * killed while Pagefind was writing never reached its own clean-up. Off this thread, since the
 * system's temporary folder can be large; nothing waits for it, and a failure only leaves them.
 */
export async function sweepAbandonedScratch(temp = tmpdir()): Promise<void> {
  const names = await readdir(temp).catch(() => [])
  const owner = new RegExp(`^${PREFIX}(\\d+)-`)
  for (const name of names) {
    const pid = Number(owner.exec(name)?.[1])
    if (pid > 0 && !isRunning(pid)) await rm(path.join(temp, name), { recursive: true, force: true }).catch(() => undefined)
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
