import path from 'node:path'
import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { buildInMemory } from '../helpers/temp-site.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

test('a post page weighs under 50 KB with its stylesheet and script, blocks no rendering, and sizes every image', async () => {
  const { files, text } = await buildInMemory(ROOT)
  for (const page of ['ml-skills/docker/introduction/index.html', 'guide/code-and-callouts/index.html']) {
    const $ = load(text(page))
    const own = [page, 'assets/berth.css', 'assets/berth.js'].map((f) => Buffer.byteLength(files.get(f)!)).reduce((a, b) => a + b, 0)
    expect(own, page).toBeLessThan(50_000)
    expect($('head script[src]').map((_, s) => $(s).attr('defer') !== undefined).get()).toEqual([true])
    expect($('img:not([width]), img:not([height])')).toHaveLength(0)
  }
})
