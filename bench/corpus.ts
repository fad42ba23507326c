import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, rename } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * A berth site of `count` generated Docker-tutorial posts under the system temp folder, made once and
 * reused: `gen-corpus.mjs` writes posts/ and assets/, and posts/ becomes the site's content/.
 */
export async function makeCorpusSite(count: number): Promise<string> {
  const root = path.join(tmpdir(), `berth-bench-${count}`)
  if (existsSync(path.join(root, 'content'))) return root
  await mkdir(root, { recursive: true })
  execFileSync(process.execPath, [path.join(import.meta.dirname, 'gen-corpus.mjs'), String(count), root], { stdio: 'ignore' })
  await rename(path.join(root, 'posts'), path.join(root, 'content'))
  return root
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
