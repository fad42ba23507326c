import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { buildInMemory, makeSite, post } from '../helpers/temp-site.ts'

const SITE_MAP = JSON.stringify([
  { title: 'ML Skills', type: 'category', url: 'ml-skills', children: [
    { title: 'Docker', type: 'topic', url: 'ml-skills/docker', description: 'Containers for ML work.', children: [
      { title: 'Docker - Introduction', url: 'ml-skills/docker/introduction', created: '2021-05-15', tags: ['docker'] },
      { title: 'Docker - Images', url: 'ml-skills/docker/images', created: '2021-05-22', tags: ['docker', 'images'] },
      { title: 'Docker - Volumes', url: 'ml-skills/docker/volumes', created: '2021-05-29', tags: ['docker'], pinned: true },
    ] },
  ] },
])
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')

async function site() {
  return buildInMemory(
    await makeSite({
      'content/posts.json': SITE_MAP,
      'content/intro.md': post('ml-skills/docker/introduction', words(450)),
      'content/images.md': post('ml-skills/docker/images', 'Images.'),
      'content/volumes.md': post('ml-skills/docker/volumes', 'Volumes.'),
      'content/extra.md': post('ml-skills/docker/extra', 'Not in the site map.', 'order: 1\n'),
      'content/draft.md': post('ml-skills/docker/draft', 'Draft.', 'draft: true\ntags: [secret]\n'),
    }),
  )
}

test('a post shows breadcrumbs, its date, reading time, position, tags, previous/next and a back link', async () => {
  const { text } = await site()
  const $ = load(text('ml-skills/docker/images/index.html'))
  expect($('.breadcrumbs li').map((_, li) => $(li).text()).get()).toEqual(['ML Skills', 'Docker', 'Docker - Images'])
  expect($('.breadcrumbs a').map((_, a) => $(a).attr('href')).get()).toEqual(['/ml-skills/', '/ml-skills/docker/'])
  expect($('.breadcrumbs [aria-current="page"]').text()).toBe('Docker - Images')
  expect($('.post-meta').text()).toContain('May 22, 2021')
  expect($('.post-meta').text()).toContain('Part 2 of 4')
  expect($('.tag-list a').map((_, a) => [[$(a).text(), $(a).attr('href')]]).get()).toEqual([['docker', '/tags/docker/'], ['images', '/tags/images/']])
  expect($('a[rel="prev"]').attr('href')).toBe('/ml-skills/docker/introduction/')
  expect($('a[rel="next"]').attr('href')).toBe('/ml-skills/docker/volumes/')
  expect($('.back-link a').text()).toBe('← Back to Docker')
  expect(load(text('ml-skills/docker/introduction/index.html'))('.post-meta').text()).toContain('2 min read')
  expect(load(text('ml-skills/docker/introduction/index.html'))('a[rel="prev"]')).toHaveLength(0)
})

test('series follow the site map, then front matter order; the last has no next', async () => {
  const { text } = await site()
  const $ = load(text('ml-skills/docker/index.html'))
  expect($('h1').text()).toBe('Docker')
  expect($('.post-link').map((_, a) => $(a).text()).get()).toEqual(['Docker - Introduction', 'Docker - Images', 'Docker - Volumes', 'Extra'])
  expect(load(text('ml-skills/docker/extra/index.html'))('a[rel="next"]')).toHaveLength(0)
})

test('sections get index pages listing their series; the content can provide its own', async () => {
  const { text } = await site()
  const $ = load(text('ml-skills/index.html'))
  expect($('.collection-list .post-link').text()).toBe('Docker')
  expect($('.collection-list .post-summary').text()).toBe('Containers for ML work.')
  const own = await buildInMemory(await makeSite({ 'content/a.md': post('docs/a', 'A'), 'content/docs/index.md': post('docs', '# Our docs\n\nHand-written.') }))
  expect(load(own.text('docs/index.html'))('h1').text()).toBe('Our docs')
})

test('the home page shows pinned posts first, then sections with the first posts of each series in reading order', async () => {
  const { text } = await site()
  const $ = load(text('index.html'))
  expect($('.pinned .post-link').map((_, a) => $(a).text()).get()).toEqual(['Docker - Volumes'])
  expect($('.section .section-title').text().trim()).toBe('ML Skills')
  // Part 1 first, as a reader starts, and a link to the whole series, which holds a fourth post.
  expect($('.section .post-link').map((_, a) => $(a).text()).get()).toEqual(['Docker - Introduction', 'Docker - Images', 'Docker - Volumes'])
  expect($('.series-more a').map((_, a) => [[$(a).text(), $(a).attr('href')]]).get()).toEqual([['All 4 posts in Docker →', '/ml-skills/docker/']])
})

test('the header links the top-level sections and marks the one a page is in', async () => {
  const { text } = await buildInMemory(
    await makeSite({
      'content/a.md': post('docker/basics/a', 'A'),
      'content/b.md': post('compose/b', 'B'),
      'content/c.md': post('c', 'At the root.'),
    }),
  )
  const nav = (file: string) => {
    const $ = load(text(file))
    return $('.site-nav a').map((_, a) => [[$(a).text(), $(a).attr('href'), $(a).attr('aria-current') ?? '']]).get()
  }
  expect(nav('docker/basics/a/index.html')).toEqual([['Compose', '/compose/', ''], ['Docker', '/docker/', 'true']])
  expect(nav('compose/index.html')).toEqual([['Compose', '/compose/', 'page'], ['Docker', '/docker/', '']])
  expect(nav('c/index.html')).toEqual([['Compose', '/compose/', ''], ['Docker', '/docker/', '']])
  // One section is no navigation: the header has none.
  const single = await buildInMemory(await makeSite({ 'content/a.md': post('docker/a', 'A') }))
  expect(load(single.text('index.html'))('.site-nav')).toHaveLength(0)
})

test('each tag has a page of its posts; drafts are in no list, feed or sitemap', async () => {
  const { text, files } = await site()
  const $ = load(text('tags/docker/index.html'))
  expect($('h1').text()).toBe('Posts tagged “docker”')
  expect($('.post-link').map((_, a) => $(a).text()).get()).toEqual(['Docker - Volumes', 'Docker - Images', 'Docker - Introduction'])
  expect(load(text('tags/index.html'))('.tag').map((_, a) => load(a).text()).get()).toEqual(['docker', 'images'])
  expect(files.has('tags/secret/index.html')).toBe(false)
  for (const file of ['index.html', 'ml-skills/docker/index.html', 'feed.xml', 'sitemap.xml']) expect(text(file)).not.toContain('draft')
})
