import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import { expect, test } from 'vitest'
import { checkPageFacts, readPageFacts } from '../../src/render/page-facts.ts'

const body = '<p>See <a href="../other/">the other post</a> and <img src="/assets/images/in-body.png" alt=""></p>'
const html = [
  '<html><head><link rel="stylesheet" href="/assets/berth.css?v=1&amp;x=2"><meta property="og:image" content="https://example.com/assets/card.png"><meta name="viewport" content="width=device-width, initial-scale=1"><meta property="og:type" content="article"><meta name="twitter:image" content="/assets/card-small.png"></head>',
  '<body><nav><a href="/">Home</a> <a href="#main">Skip</a> <a href="">Here</a> <img src="data:image/png;base64,AAAA" alt=""></nav>',
  `<main data-pagefind-body>${body}</main><a href="/tags/docker/">docker</a><a href="/tags/docker/">docker again</a></body></html>`,
].join('')

test('the layout\'s urls leave out the post body, empty links, anchors and data urls, each url once, decoded', () => {
  expect(readPageFacts(html, body).layoutUrls).toEqual(['/assets/berth.css?v=1&x=2', '/', '/tags/docker/'])
})

test('file urls come from the whole page, meta content that is a url included, without page links and anchors', () => {
  expect(readPageFacts(html, body).fileUrls).toEqual(['/assets/berth.css?v=1&x=2', 'https://example.com/assets/card.png', '/assets/card-small.png', 'data:image/png;base64,AAAA', '/assets/images/in-body.png'])
})

test('a page is searchable when it has a data-pagefind-body part', () => {
  expect(readPageFacts(html, body).searchable).toBe(true)
  expect(readPageFacts('<html><body><main>404</main></body></html>', undefined).searchable).toBe(false)
})

test('a page without a body to leave out has every link counted as the layout\'s', () => {
  expect(readPageFacts(html, undefined).layoutUrls).toContain('../other/')
})

test('facts read back from a cache are used only when every field has its type', () => {
  const facts = readPageFacts(html, body)
  expect(checkPageFacts(JSON.parse(JSON.stringify(facts)))).toEqual(facts)
  for (const broken of [undefined, null, 'facts', { ...facts, searchable: 'yes' }, { ...facts, layoutUrls: [1] }, { searchable: true, layoutUrls: [] }]) expect(checkPageFacts(broken)).toBeUndefined()
})

test('facts do not keep their page alive: the urls in them are copies, not slices of the page', () => {
  v8.setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  const usedHeap = () => (gc(), v8.getHeapStatistics().used_heap_size)
  const before = usedHeap()
  // 100 pages of 1 MB each, every url in them long enough for V8 to keep a match as a slice.
  const kept = Array.from({ length: 100 }, (_, i) => {
    const page = `<html><head><link rel="stylesheet" href="/assets/site-${i}-stylesheet.css"></head><body>${'—'.repeat(500_000)}<img src="/assets/images/picture-number-${i}.png"></body></html>`
    return readPageFacts(page, undefined)
  })
  // Two-byte text (the dash), so the pages were 100 MB; what stays is the facts alone.
  expect(usedHeap() - before).toBeLessThan(10_000_000)
  expect(kept[7]!.fileUrls).toEqual(['/assets/site-7-stylesheet.css', '/assets/images/picture-number-7.png'])
})
