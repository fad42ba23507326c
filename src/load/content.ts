import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createDiagnostic } from '../diagnostics.ts'
import { listTree } from '../list-tree.ts'
import { isInside, realpathOrUndefined, toPosix } from '../paths.ts'
import type { Diagnostic, SourceFile } from '../types.ts'
import { decodeText } from './decode-text.ts'

/** Every markdown file under `contentDir`, as absolute paths sorted so builds do not depend on disk order. */
export async function listContentFiles(contentDir: string): Promise<string[]> {
  let entries
  try {
    entries = listTree(contentDir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  // Symlinked files are read (and checked below); symlinked folders are not walked, so content cannot loop.
  // Hidden folders (`.github/` with its issue templates) are a repository's machinery, not its pages.
  return entries
    .filter(({ relPath, dirent }) => (dirent.isFile() || dirent.isSymbolicLink()) && isMarkdownFile(dirent.name) && !isHidden(path.dirname(relPath)))
    .map(({ relPath }) => path.join(contentDir, relPath))
    .sort()
}

/** A folder (relative to content/; `.` or `` for content/ itself) inside a hidden one, whose files are no part of the site. */
export function isHidden(folder: string): boolean {
  return folder.split(path.sep).some((segment) => segment.startsWith('.') && segment !== '.')
}

export function isMarkdownFile(name: string): boolean {
  return name.toLowerCase().endsWith('.md') && !path.basename(name).startsWith('.')
}

/** Read one post as text; `realRoot` is the site folder with symlinks resolved. */
export async function readSourceFile(root: string, realRoot: string, file: string): Promise<{ value?: SourceFile; diagnostics: Diagnostic[] }> {
  const relPath = toPosix(path.relative(root, file))
  const fail = (ruleId: string, message: string, hint: string) => ({ diagnostics: [createDiagnostic(relPath, 'error', ruleId, message, undefined, hint)] })
  const real = realpathOrUndefined(file)
  if (real === undefined) return fail('content/unreadable', 'file cannot be read (a broken link?)', 'fix or remove the file')
  if (!isInside(realRoot, real)) return fail('content/outside-site', 'file is a link to a place outside the site folder', 'copy the file into content/ instead of linking to it')
  const decoded = decodeText(readFileSync(real))
  if ('problem' in decoded) return fail(decoded.problem.ruleId, decoded.problem.message, decoded.problem.hint)
  return { value: { path: file, relPath, raw: decoded.text }, diagnostics: [] }
}
