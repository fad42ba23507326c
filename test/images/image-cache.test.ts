import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { openImageCache } from '../../src/images/image-cache.ts'
import { makeTempDir } from '../helpers/temp-site.ts'

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.parse('2026-06-01T12:00:00Z')

/** A file in `dir` last changed `ageMs` before NOW. */
function plant(dir: string, name: string, ageMs: number): void {
  writeFileSync(path.join(dir, name), 'bytes')
  const when = new Date(NOW - ageMs)
  utimesSync(path.join(dir, name), when, when)
}

describe('the image cache folder', () => {
  test('prune removes variants unused for a month and stray scratch files, never one in use or recently used', async () => {
    const dir = await makeTempDir()
    plant(dir, 'old-unused.webp', 40 * DAY)
    plant(dir, 'old-in-use.avif', 40 * DAY)
    plant(dir, 'recent-unused.webp', 20 * DAY)
    plant(dir, 'killed.webp.0a1b2c.tmp', 2 * 60 * 60 * 1000)
    plant(dir, 'writing.webp.3d4e5f.tmp', 60 * 1000)
    openImageCache(dir, NOW).prune(new Set(['old-in-use.avif']))
    expect(readdirSync(dir).sort()).toEqual(['old-in-use.avif', 'recent-unused.webp', 'writing.webp.3d4e5f.tmp'])
  })

  test('a variant found is dated anew once it is a day old, so use keeps it; a fresher one is left as it is', async () => {
    const dir = await makeTempDir()
    plant(dir, 'used-last-week.webp', 7 * DAY)
    plant(dir, 'used-this-morning.webp', 3 * 60 * 60 * 1000)
    const cache = openImageCache(dir, NOW)
    expect([cache.has('used-last-week.webp'), cache.has('used-this-morning.webp'), cache.has('never-made.webp')]).toEqual([true, true, false])
    expect(statSync(path.join(dir, 'used-last-week.webp')).mtimeMs).toBe(NOW)
    expect(statSync(path.join(dir, 'used-this-morning.webp')).mtimeMs).toBe(NOW - 3 * 60 * 60 * 1000)
  })

  test('store writes the bytes under the name and leaves no scratch file', async () => {
    const dir = path.join(await makeTempDir(), 'not-yet-made')
    const cache = openImageCache(dir, NOW)
    cache.store('a.webp', new Uint8Array([1, 2, 3]))
    expect(readdirSync(dir)).toEqual(['a.webp'])
    expect(existsSync(cache.pathOf('a.webp'))).toBe(true)
  })
})
