import { readdir, readFile, realpath } from 'node:fs/promises'
import path from 'node:path'
import { createDiagnostic } from '../diagnostics.ts'
import type { Result, SourceFile } from '../types.ts'
import { isInside, toPosix } from '../paths.ts'
import { decodeText } from './decode-text.ts'

/** Find every markdown file under `contentDir`, sorted by path, and read it as text. */
export async function loadContent(root: string, contentDir: string): Promise<Result<SourceFile[]>> {
  const files = (await listMarkdown(contentDir)).sort()
  const value: SourceFile[] = []
  const diagnostics = []
  const realRoot = await realpath(root)
  for (const file of files) {
    const relPath = toPosix(path.relative(root, file))
    if (!isInside(realRoot, await realpath(file))) {
      diagnostics.push(createDiagnostic(relPath, 'error', 'content/outside-site', 'file is a link to a place outside the site folder', undefined, 'copy the file into content/ instead of linking to it'))
      continue
    }
    const decoded = decodeText(await readFile(file))
    if ('problem' in decoded) {
      diagnostics.push(createDiagnostic(relPath, 'error', decoded.problem.ruleId, decoded.problem.message, undefined, decoded.problem.hint))
    } else {
      value.push({ path: file, relPath, raw: decoded.text })
    }
  }
  return { value, diagnostics }
}

async function listMarkdown(dir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  // Symlinked files are followed by readFile; symlinked folders are not walked, so content cannot loop.
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name))
}
