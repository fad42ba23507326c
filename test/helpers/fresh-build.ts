import path from 'node:path'
import { expect } from 'vitest'
import { build } from '../../src/build.ts'
import { makeTempDir, TEST_SITE_URL } from './temp-site.ts'
import { readTree } from './tree.ts'

/** The output folder `out` holds, byte for byte, what a build of `root` from nothing (no cache) makes. */
export async function expectSameAsFreshBuild(root: string, out: string): Promise<void> {
  const fresh = path.join(await makeTempDir(), 'dist')
  expect((await build({ root, out: fresh, siteUrl: TEST_SITE_URL, cache: false })).ok).toBe(true)
  const [built, scratch] = [await readTree(out), await readTree(fresh)]
  expect([...built.keys()]).toEqual([...scratch.keys()])
  for (const [file, bytes] of scratch) expect(built.get(file)!.equals(bytes), file).toBe(true)
}
