import { createHash, type Hash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { berthCode } from '../berth-code.ts'
import { digestOf, digestTree } from '../digest-files.ts'
import { listTree } from '../list-tree.ts'
import { toPosix } from '../paths.ts'
import type { Diagnostic } from '../types.ts'
import { liesAsLeft, type Tree } from './output-manifest.ts'

/** Bumped whenever the record's shape or the inputs digest changes. */
const FORMAT = 2

/**
 * A file's size, dates and inode when its digest was taken. The digest is taken again whenever any
 * of them differs (an edit changes the change time even when it keeps size and modification time),
 * and for files changed shortly before the stamp was made, whose later edits a coarse clock could hide.
 */
type Stamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number, digest: string]

/** Files changed this close to the previous check are read again rather than trusted by their stamp. */
const RACY_MS = 2000

/** What a finished build leaves behind in the cache, so the next one can tell that nothing changed. */
export type BuildRecord = {
  format: number
  /** Digest of every input: the site's files, the options, berth itself. */
  inputs: string
  /** When the inputs were looked at, and how each file lay then. */
  checkedAt: number
  stamps: Record<string, Stamp>
  diagnostics: Diagnostic[]
  pageCount: number
  assetCount: number
}

/** What a build would be made from, and where it would go. */
export type BuildInputs = { digest: string; root: string; outDir: string; checkedAt: number; stamps: Record<string, Stamp> }

export type BuildSummary = Pick<BuildRecord, 'diagnostics' | 'pageCount' | 'assetCount'>

/**
 * A digest of everything `berth build` reads: every file under the site's content, assets and
 * templates, its config and lockfile, berth's code, theme and version, and the options that shape the
 * output. Files count by their bytes, never by their dates: a file whose stamp is the one the last
 * build recorded keeps the digest it had. It needs no config parsing, so it is cheap enough to take
 * before deciding to load the rest of berth. (Stat and read calls one after another are faster in
 * sync calls than through the thread pool, and nothing else runs meanwhile.)
 */
export function digestBuildInputs(rootArg: string, options: { out?: string; base?: string; siteUrl?: string; strict?: boolean; drafts?: boolean }, last?: BuildRecord): BuildInputs {
  const root = path.resolve(rootArg)
  const outDir = path.resolve(root, options.out ?? 'dist')
  const checkedAt = Date.now()
  const stamps: Record<string, Stamp> = {}
  const trusted = (file: string, size: number, mtimeMs: number, ctimeMs: number, ino: number): string | undefined => {
    const stamp = last?.stamps[file]
    const unchanged = Array.isArray(stamp) && stamp[0] === size && stamp[1] === mtimeMs && stamp[2] === ctimeMs && stamp[3] === ino && typeof stamp[4] === 'string'
    return unchanged && Math.max(mtimeMs, ctimeMs) < last!.checkedAt - RACY_MS ? stamp[4] : undefined
  }
  const digestFile = (hash: Hash, file: string) => {
    hash.update(`\0${file}\0`)
    const info = statSync(file, { throwIfNoEntry: false })
    // A folder, or a file that is not there: its name alone counts.
    if (!info?.isFile()) return
    const digest = trusted(file, info.size, info.mtimeMs, info.ctimeMs, info.ino) ?? digestOf(readFileSync(file))
    stamps[file] = [info.size, info.mtimeMs, info.ctimeMs, info.ino, digest]
    hash.update(digest)
  }
  const hash = createHash('sha256').update(JSON.stringify({ FORMAT, root, outDir, base: options.base, siteUrl: options.siteUrl, strict: options.strict === true, drafts: options.drafts === true }))
  for (const dir of ['content', 'assets', 'templates']) digestTree(hash, path.join(root, dir), digestFile)
  hash.update(berthCode())
  for (const file of ['berth.config.json', 'package.json', 'package-lock.json']) digestFile(hash, path.join(root, file))
  return { digest: hash.digest('hex'), root, outDir, checkedAt, stamps }
}

/**
 * What the last build reported, if it was made from exactly these inputs and its output is untouched
 * since: every file the writer left (by its own record) lies as it left it, and nothing was added.
 */
export function findUpToDate(inputs: BuildInputs, last: BuildRecord | undefined, live: Tree | undefined): BuildSummary | undefined {
  if (last?.format !== FORMAT || last.inputs !== inputs.digest || !live) return undefined
  let names: string[]
  try {
    names = listTree(inputs.outDir)
      .filter(({ dirent }) => !dirent.isDirectory())
      .map(({ relPath }) => toPosix(relPath))
  } catch {
    return undefined
  }
  if (names.length !== live.size) return undefined
  for (const name of names) {
    const entry = live.get(name)
    if (!entry || !liesAsLeft(entry, inputs.outDir, name)) return undefined
  }
  return { diagnostics: last.diagnostics, pageCount: last.pageCount, assetCount: last.assetCount }
}

/** The record of a finished build made from `inputs`; its output is as the writer's own record says. */
export function recordBuild(inputs: BuildInputs, summary: BuildSummary): BuildRecord {
  const { diagnostics, pageCount, assetCount } = summary
  return { format: FORMAT, inputs: inputs.digest, checkedAt: inputs.checkedAt, stamps: inputs.stamps, diagnostics, pageCount, assetCount }
}
