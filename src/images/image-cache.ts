import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const DAY_MS = 24 * 60 * 60 * 1000
/**
 * A variant no build or dev run has used for this long is removed: an image edited or deleted leaves
 * its old variants behind, and so does a change of widths, encoder or sharp. A month keeps the
 * variants of a draft that only `berth dev` shows, and of a branch an author comes back to.
 */
const UNUSED_FOR_MS = 30 * DAY_MS
/** What a killed build left half-written; no write takes this long. */
const SCRATCH_FOR_MS = 60 * 60 * 1000

/**
 * The image stage's folder under berth's cache: one file a variant, named by its key. A file's date is
 * when a run last used it, renewed at most once a day: renewing it changes how the writer knows its
 * published copy, which then is copied once more.
 */
export type ImageCache = {
  /** Whether the variant is there, renewing its date when a day old. */
  has(name: string): boolean
  /** Keep a variant, written aside and renamed: a build killed mid-write never leaves half an image under its name. */
  store(name: string, bytes: Uint8Array): void
  pathOf(name: string): string
  /** Remove the variants unused for a month, but never one named in `inUse`, and stray scratch files. */
  prune(inUse: ReadonlySet<string>): void
}

/** The image cache in `dir`, made if missing; `now` is the time its dates are measured from. */
export function openImageCache(dir: string, now = Date.now()): ImageCache {
  mkdirSync(dir, { recursive: true })
  const pathOf = (name: string) => path.join(dir, name)
  return {
    pathOf,
    has(name) {
      const stat = statSync(pathOf(name), { throwIfNoEntry: false })
      if (stat === undefined) return false
      if (now - stat.mtimeMs > DAY_MS) bestEffort(() => utimesSync(pathOf(name), new Date(now), new Date(now)))
      return true
    },
    store(name, bytes) {
      const scratch = `${pathOf(name)}.${randomBytes(6).toString('hex')}.tmp`
      writeFileSync(scratch, bytes)
      renameSync(scratch, pathOf(name))
    },
    prune(inUse) {
      for (const name of readdirSync(dir)) {
        if (inUse.has(name)) continue
        const stat = statSync(pathOf(name), { throwIfNoEntry: false })
        if (stat === undefined || !stat.isFile()) continue
        const age = now - stat.mtimeMs
        if (age > (name.endsWith('.tmp') ? SCRATCH_FOR_MS : UNUSED_FOR_MS)) bestEffort(() => rmSync(pathOf(name), { force: true }))
      }
    },
  }
}

/** A cache folder another user owns still serves its variants: dates and clean-up are only housekeeping. */
function bestEffort(task: () => void): void {
  try {
    task()
  } catch {
    // Left as it is; the next run that may change it will.
  }
}
