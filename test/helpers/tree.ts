import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

/** Every file under `dir` with its bytes, keyed by forward-slash relative path, sorted. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
  const tree = new Map<string, Buffer>()
  for (const file of files.sort()) tree.set(path.relative(dir, file).split(path.sep).join('/'), await readFile(file))
  return tree
}
