import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build } from '../../src/build.ts'
import { SEARCH_FOLDER, SHARDS_FILE } from '../../src/site/search-index.ts'
import { browserUnavailable, serveInBrowser } from '../helpers/browser.ts'
import { makeSite, makeTempDir, post } from '../helpers/temp-site.ts'
import { readFile } from 'node:fs/promises'

const POSTS = 90
/** A word of letters only, different for every post (quokkaab, quokkaac, …). */
const word = (i: number) => `quokka${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`
const unavailable = browserUnavailable()

describe.skipIf(unavailable)(`search over a sharded index in a real browser${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let site: Awaited<ReturnType<typeof serveInBrowser>>
  let shards: string[]

  beforeAll(async () => {
    const files: Record<string, string> = { 'berth.config.json': JSON.stringify({ title: 'Shards' }) }
    // Every post shares one word and has one of its own.
    for (let i = 0; i < POSTS; i++) files[`content/post-${i}.md`] = post(`post-${i}`, `# Post ${i}\n\nA note on wombats and the word ${word(i)}.`)
    const root = await makeSite(files)
    const out = path.join(await makeTempDir(), 'dist')
    const result = await build({ root, out, siteUrl: 'https://shards.example' })
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'))
    shards = JSON.parse(await readFile(path.join(out, SEARCH_FOLDER, SHARDS_FILE), 'utf8')) as string[]
    site = await serveInBrowser(out)
  }, 60_000)

  afterAll(async () => {
    await site?.close()
  })

  const search = async (query: string) => {
    const page = await site.browser.newPage()
    await page.goto(`${site.origin}/search/?q=${query}`)
    const message = page.locator('.pagefind-ui__message')
    await page.waitForFunction(() => /\d+ results? for/.test(document.querySelector('.pagefind-ui__message')?.textContent ?? ''), undefined, { timeout: 15_000 })
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 })
    const links = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))
    const text = await message.textContent()
    await page.close()
    return { text, links }
  }

  test('the search page merges every shard: a word on every post finds every post', { timeout: 30_000 }, async () => {
    expect(shards.length).toBeGreaterThan(0)
    expect((await search('wombats')).text).toBe(`${POSTS} results for wombats`)
  })

  test('a word on one post finds that post, whichever shard holds it', { timeout: 60_000 }, async () => {
    for (const i of [0, 41, 89]) expect((await search(word(i))).links).toContain(`/post-${i}/`)
  })
})
