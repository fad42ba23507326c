import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { removeAbandonedFolders } from '../abandoned-folders.ts'

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
export function sweepAbandonedScratch(temp = tmpdir()): Promise<void> {
  return removeAbandonedFolders(temp, new RegExp(`^${PREFIX}(\\d+)-`)).catch(() => undefined)
}
