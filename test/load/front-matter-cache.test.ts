import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { parseFrontMatter } from '../../src/load/front-matter.ts'
import { openFrontMatterCache, type FrontMatterCache } from '../../src/load/front-matter-cache.ts'
import type { SourceFile } from '../../src/types.ts'
import { makeTempDir } from '../helpers/temp-site.ts'

const source = (raw: string): SourceFile => ({ path: '/site/content/a.md', relPath: 'content/a.md', raw })

const RAWS = [
  '---\nurl: a/b\nlayout: post\n---\n\n# Hi\n',
  '---\nurl: a/b\nlayout: post\n---\n# Right after the fence\n',
  '---\nurl: a/b\ntags: [docker, images]\nlayout: post\n---   \n\n\nTrailing spaces on the closing fence.\n',
  '---\nurl: a/b\n---',
  '---\n---\nEmpty front matter.\n',
  '---\ntitle: "Quoted: yes"\nurl: x\nlayout: post\norder: 3\n---\n\nBody\n\n---\n\nA rule that is not front matter.\n',
]

test.for(RAWS)('a block taken from the cache gives exactly what parsing it gives: %j', async (raw) => {
  const file = path.join(await makeTempDir(), 'front-matter.json')
  const parsed = parseFrontMatter(source(raw))
  const first = openFrontMatterCache(file, 'code')
  expect(parseFrontMatter(source(raw), first)).toEqual(parsed)
  first.save()
  // A new build reads the file; the same block now comes from it, with the same body after it.
  const opened = openFrontMatterCache(file, 'code')
  let hits = 0
  const second: FrontMatterCache = {
    ...opened,
    get(block) {
      const found = opened.get(block)
      if (found) hits++
      return found
    },
  }
  expect(parseFrontMatter(source(raw), second)).toEqual(parsed)
  expect(hits).toBe(1)
  // Another body under the same front matter keeps its own text and line numbers.
  const other = `${raw}\nMore text.\n`
  expect(parseFrontMatter(source(other), second)).toEqual(parseFrontMatter(source(other)))
})

test('front matter with problems is never kept; entries another berth wrote or garbage are ignored', async () => {
  const file = path.join(await makeTempDir(), 'front-matter.json')
  const cache = openFrontMatterCache(file, 'code')
  const broken = source('---\nurl: a\ndraft: "yes"\n---\n')
  expect(parseFrontMatter(broken, cache).diagnostics).toHaveLength(1)
  parseFrontMatter(source(RAWS[0]!), cache)
  cache.save()
  expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { entries: object }).entries)).toHaveLength(1)
  expect(parseFrontMatter(broken, openFrontMatterCache(file, 'code')).diagnostics).toHaveLength(1)

  const foreign = openFrontMatterCache(file, 'other code')
  expect(foreign.get('---\nurl: a/b\nlayout: post\n---\n')).toBeUndefined()
  expect(openFrontMatterCache(file, 'code').get('---\nurl: a/b\nlayout: post\n---\n')).toBeDefined()
  writeFileSync(file, '{ not json')
  expect(parseFrontMatter(source(RAWS[0]!), openFrontMatterCache(file, 'code'))).toEqual(parseFrontMatter(source(RAWS[0]!)))
})

test('a planted entry for a block is parsed as JSON per post, so posts never share objects', async () => {
  const file = path.join(await makeTempDir(), 'front-matter.json')
  const cache = openFrontMatterCache(file, 'code')
  parseFrontMatter(source(RAWS[0]!), cache)
  cache.save()
  const reread = openFrontMatterCache(file, 'code')
  const a = parseFrontMatter(source(RAWS[0]!), reread).value!
  const b = parseFrontMatter(source(RAWS[0]!), reread).value!
  expect(a.data).toEqual(b.data)
  expect(a.data).not.toBe(b.data)
})
