import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { removeAbandonedFolders } from '../src/abandoned-folders.ts'
import { makeTempDir } from './helpers/temp-site.ts'

test('folders of processes that are gone are removed; running ones stay, and this process\'s own only with ownToo', async () => {
  const parent = await makeTempDir()
  const gone = spawnSync(process.execPath, ['-e', '0']).pid
  const folder = (name: string) => (mkdirSync(path.join(parent, name)), path.join(parent, name))
  const pattern = /^left-(\d+)-x$/
  const [dead, running, own, other] = [folder(`left-${gone}-x`), folder(`left-${process.ppid}-x`), folder(`left-${process.pid}-x`), folder(`kept-${gone}-x`)]
  await removeAbandonedFolders(parent, pattern)
  expect([dead, running, own, other].map(existsSync)).toEqual([false, true, true, true])
  await removeAbandonedFolders(parent, pattern, { ownToo: true })
  expect([running, own, other].map(existsSync)).toEqual([true, false, true])
})
