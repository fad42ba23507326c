import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * A berth site of `count` generated Docker-tutorial posts under the system temp folder, made once and
 * reused: `gen-corpus.mjs` writes posts/ and assets/, and posts/ becomes the site's content/. A reused
 * site's posts are put back as generated (an edit a stopped run left behind would make every later
 * run parse a longer post); the others keep their dates, so the caches and up-to-date checks see no change.
 */
export async function makeCorpusSite(count: number): Promise<string> {
  const root = path.join(tmpdir(), `berth-bench-${count}`)
  const content = path.join(root, 'content')
  const reused = existsSync(content)
  const made = reused ? path.join(root, '.generated') : root
  await mkdir(made, { recursive: true })
  execFileSync(process.execPath, [path.join(import.meta.dirname, 'gen-corpus.mjs'), String(count), made], { stdio: 'ignore' })
  if (!reused) {
    await rename(path.join(root, 'posts'), content)
    return root
  }
  for (const name of await readdir(path.join(made, 'posts'))) {
    const generated = await readFile(path.join(made, 'posts', name))
    const current = await readFile(path.join(content, name)).catch(() => undefined)
    if (!current?.equals(generated)) await writeFile(path.join(content, name), generated)
  }
  await rm(made, { recursive: true, force: true })
  return root
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
