import { load } from 'cheerio'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, test } from 'vitest'
import { buildInMemory, makeSite, pngOfSize, post } from '../helpers/temp-site.ts'

const SITE_MAP = JSON.stringify([
  { title: 'Docker', type: 'topic', url: 'docker', children: [
    { title: 'Intro', url: 'docker/intro', created: '2021-05-15', tags: ['docker'] },
    { title: 'Volumes', url: 'docker/volumes', created: '2021-06-01', tags: ['docker', 'storage'] },
  ] },
])
const FILES = {
  'content/posts.json': SITE_MAP,
  'content/intro.md': post('docker/intro', '![card][card]\n\nFirst [volumes](../volumes/) words.\n\n[card]: /assets/card.png'),
  'content/volumes.md': post('docker/volumes', 'Volumes keep data. See [intro](/docker/intro/).'),
  'content/draft.md': post('docker/draft', 'Not yet.', 'draft: true\n'),
  'assets/card.png': pngOfSize(1200, 630),
}
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })

test('feed.xml is valid Atom with absolute urls and full content, newest first, drafts left out', async () => {
  const { text } = await buildInMemory(await makeSite(FILES), { base: '/repo/', siteUrl: 'https://user.github.io/repo' })
  const feedText = text('feed.xml')
  expect(XMLValidator.validate(feedText)).toBe(true)
  const feed = xml.parse(feedText).feed
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom')
  expect(feed.id).toBe('https://user.github.io/repo/')
  expect(feed.updated).toBe('2021-06-01T00:00:00Z')
  const entries = feed.entry as { title: string; id: string; link: { '@href': string }; content: { '#text': string; '@xml:base': string }; published: string }[]
  expect(entries.map((e) => e.title)).toEqual(['Volumes', 'Intro'])
  expect(entries[1]!.link['@href']).toBe('https://user.github.io/repo/docker/intro/')
  expect(entries[1]!.published).toBe('2021-05-15T00:00:00Z')
  const content = load(entries[1]!.content['#text'])
  expect(content('img').attr('src')).toBe('https://user.github.io/repo/assets/card.png')
  expect(content('a').attr('href')).toBe('../volumes/')
  expect(entries[1]!.content['@xml:base']).toBe('https://user.github.io/repo/docker/intro/')
  expect(feedText).not.toContain('Not yet')
})

test('sitemap.xml lists every public page with the base path; robots.txt names it', async () => {
  const { text, files } = await buildInMemory(await makeSite(FILES), { base: '/repo/', siteUrl: 'https://user.github.io/repo' })
  const sitemap = text('sitemap.xml')
  expect(XMLValidator.validate(sitemap)).toBe(true)
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])
  const site = 'https://user.github.io/repo/'
  expect(locs).toEqual(['docker/', 'docker/intro/', 'docker/volumes/', '', 'search/', 'tags/docker/', 'tags/', 'tags/storage/'].map((p) => site + p))
  expect(sitemap).toContain('<lastmod>2021-05-15T00:00:00Z</lastmod>')
  expect(text('robots.txt')).toBe('User-agent: *\nAllow: /\nSitemap: https://user.github.io/repo/sitemap.xml\n')
  expect(files.has('docker/draft/index.html')).toBe(false)
})

test('posts carry a canonical url, Open Graph and Twitter cards with the first image, and JSON-LD', async () => {
  const { text } = await buildInMemory(await makeSite(FILES), { base: '/repo/', siteUrl: 'https://user.github.io/repo' })
  const $ = load(text('docker/intro/index.html'))
  expect($('link[rel="canonical"]').attr('href')).toBe('https://user.github.io/repo/docker/intro/')
  expect($('link[rel="alternate"][type="application/atom+xml"]').attr('href')).toBe('/repo/feed.xml')
  expect($('meta[property="og:image"]').attr('content')).toBe('https://user.github.io/repo/assets/card.png')
  expect($('meta[property="og:image:width"]').attr('content')).toBe('1200')
  expect($('meta[property="og:image:height"]').attr('content')).toBe('630')
  expect($('meta[name="twitter:card"]').attr('content')).toBe('summary_large_image')
  expect($('meta[property="og:type"]').attr('content')).toBe('article')
  const data = JSON.parse($('script[type="application/ld+json"]').text())
  expect(data).toMatchObject({ '@type': 'Article', headline: 'Intro', datePublished: '2021-05-15', image: 'https://user.github.io/repo/assets/card.png', url: 'https://user.github.io/repo/docker/intro/' })
})

test('without a site url the build warns, the feed falls back to relative links, and there is no sitemap', async () => {
  const { result, text, files } = await buildInMemory(await makeSite(FILES), { siteUrl: undefined })
  expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', ruleId: 'config/missing-site-url' })])
  expect(XMLValidator.validate(text('feed.xml'))).toBe(true)
  expect(text('feed.xml')).toContain('<link href="/docker/intro/"/>')
  expect(files.has('sitemap.xml')).toBe(false)
  expect(text('robots.txt')).not.toContain('Sitemap')
})

test('titles are text in the feed and in JSON-LD: a </script> cannot close the tag', async () => {
  const hostile = '</script><script>alert(1)</script> & <b>"quotes"</b>'
  const { text } = await buildInMemory(await makeSite({ 'content/a.md': post('a', 'Body', `title: ${JSON.stringify(hostile)}\ndate: 2022-01-01\n`) }))
  const page = text('a/index.html')
  const $ = load(page)
  expect($('script:not([src]):not([type="application/ld+json"])')).toHaveLength(0)
  expect(page).not.toContain('</script><script>alert(1)')
  expect(JSON.parse($('script[type="application/ld+json"]').text()).headline).toBe(hostile)
  expect($('meta[property="og:title"]').attr('content')).toBe(hostile)
  const feed = text('feed.xml')
  expect(XMLValidator.validate(feed)).toBe(true)
  expect(xml.parse(feed).feed.entry.title).toBe(hostile)
})
