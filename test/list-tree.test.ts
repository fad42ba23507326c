import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { listTree } from '../src/list-tree.ts'
import { makeTempDir } from './helpers/temp-site.ts'

test('listTree lists every entry by its path from the root, each folder before what it holds, and does not walk a symlinked folder', async () => {
  const root = await makeTempDir()
  mkdirSync(path.join(root, 'a/b'), { recursive: true })
  writeFileSync(path.join(root, 'a/b/c.md'), '')
  writeFileSync(path.join(root, 'top.md'), '')
  symlinkSync(path.join(root, 'a'), path.join(root, 'loop'))
  const listed = listTree(root).map(({ relPath, dirent }) => `${relPath.split(path.sep).join('/')}${dirent.isDirectory() ? '/' : dirent.isSymbolicLink() ? '@' : ''}`)
  expect([...listed].sort()).toEqual(['a/', 'a/b/', 'a/b/c.md', 'loop@', 'top.md'])
  expect(listed.indexOf('a/')).toBeLessThan(listed.indexOf('a/b/'))
  expect(listed.indexOf('a/b/')).toBeLessThan(listed.indexOf('a/b/c.md'))
  expect(() => listTree(path.join(root, 'missing'))).toThrow(expect.objectContaining({ code: 'ENOENT' }))
})
