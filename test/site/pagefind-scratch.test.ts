import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { makeScratchFolder, sweepAbandonedScratch } from '../../src/site/pagefind-scratch.ts'
import { makeTempDir } from '../helpers/temp-site.ts'

test('a scratch folder is named with its process, and only those of processes that are gone are swept', async () => {
  const temp = await makeTempDir()
  const mine = makeScratchFolder(temp)
  expect(path.basename(mine)).toMatch(new RegExp(`^berth-pagefind-${process.pid}-`))
  // A process that ran and exited, as a build stopped with Ctrl-C has.
  const gone = spawnSync(process.execPath, ['-e', '0']).pid
  const abandoned = path.join(temp, `berth-pagefind-${gone}-abc123`)
  mkdirSync(path.join(abandoned, 'fragment'), { recursive: true })
  writeFileSync(path.join(abandoned, 'fragment', 'en_1.pf_fragment'), 'x')
  const other = path.join(temp, 'berth-pagefind-notes')
  mkdirSync(other)

  await sweepAbandonedScratch(temp)
  expect(existsSync(abandoned)).toBe(false)
  expect(existsSync(mine)).toBe(true)
  expect(existsSync(other)).toBe(true)
})
