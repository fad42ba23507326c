import { type Dirent, readdirSync } from 'node:fs'
import path from 'node:path'

/** One entry of a folder tree: its path from the tree's root (with the system's separators), and what it is. */
export type TreeEntry = { relPath: string; dirent: Dirent }

/**
 * Every entry under `dir`, each folder before what it holds; a symlinked folder is listed but not
 * walked, so a tree cannot loop. One `readdir` a folder: Node 20's `recursive: true` takes two to three
 * times as long, and a build lists content/, assets/ and templates/ and the output folder more than
 * once. A missing `dir` throws, as `readdirSync` does.
 */
export function listTree(dir: string): TreeEntry[] {
  const entries: TreeEntry[] = []
  const walk = (folder: string, prefix: string) => {
    for (const dirent of readdirSync(folder, { withFileTypes: true })) {
      const relPath = prefix + dirent.name
      entries.push({ relPath, dirent })
      if (dirent.isDirectory()) walk(path.join(folder, dirent.name), relPath + path.sep)
    }
  }
  walk(dir, '')
  return entries
}
