import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { load } from 'cheerio'
import { beforeAll, describe, expect, test } from 'vitest'
import { buildInMemory } from '../helpers/temp-site.ts'

// The author's own post, built end to end from this repository's content/ and assets/.
const ROOT = path.resolve(import.meta.dirname, '../..')
const PAGE = 'ml-skills/docker/introduction/index.html'
const LOGO = 'assets/images/ml-skills/docker/introduction/docker-logo-1200x630.png'
const CONTAINERS = 'assets/images/ml-skills/docker/introduction/docker-containers.png'

describe('the seed post', () => {
  let built: Awaited<ReturnType<typeof buildInMemory>>
  let $: ReturnType<typeof load>
  beforeAll(async () => {
    built = await buildInMemory(ROOT)
    $ = load(built.text(PAGE))
  })

  test('builds without diagnostics, at its pretty url', () => {
    expect(built.result.diagnostics).toEqual([])
    expect(built.result.ok).toBe(true)
    expect(built.files.has(PAGE)).toBe(true)
  })

  test('shows the site map title as its one <h1>, and the date', () => {
    expect($('h1').map((_, h) => $(h).text()).get()).toEqual(['Docker - Introduction'])
    expect($('title').text()).toBe('Docker - Introduction · Docker tutorials')
    expect($('time').attr('datetime')).toBe('2021-05-15')
    expect($('time').text()).toBe('May 15, 2021')
  })

  test('expands <toc> into the heading tree, with links matching heading ids', () => {
    const nav = $('nav.toc')
    expect(nav).toHaveLength(1)
    const tree = nav
      .find('> ul > li')
      .map((_, li) => ({ text: $(li).children('a').text(), children: $(li).find('> ul > li > a').map((_, a) => $(a).text()).get() }))
      .get()
    expect(tree).toEqual([
      { text: 'Introduction', children: ['Why docker?', 'How?', 'What is docker?'] },
      { text: 'Installation', children: [] },
      { text: 'Containers vs. Virtual Machines', children: [] },
      { text: 'Key notes', children: [] },
    ])
    const hrefs = nav.find('a').map((_, a) => $(a).attr('href')).get()
    expect(hrefs).toEqual(['#introduction', '#why-docker', '#how', '#what-is-docker', '#installation', '#containers-vs-virtual-machines', '#key-notes'])
    for (const href of hrefs) expect($(`[id="${href.slice(1)}"]`).is('h2, h3')).toBe(true)
    // The toc sits where the directive was: after the intro paragraph, before the first heading.
    expect(nav.prev().text()).toContain("Let's forget what you have read")
    expect(nav.next().is('h2#introduction')).toBe(true)
  })

  test('resolves both reference-style images, sized, the first eager and the second lazy', () => {
    const imgs = $('.post-body img').toArray().map((el) => $(el))
    expect(imgs.map((img) => [img.attr('src'), img.attr('alt'), img.attr('width'), img.attr('height'), img.attr('loading')])).toEqual([
      [`/${LOGO}`, 'docker-logo', '1200', '630', undefined],
      [`/${CONTAINERS}`, 'docker-containers', '1000', '620', 'lazy'],
    ])
  })

  test('copies the image bytes to the url the page uses', async () => {
    for (const file of [LOGO, CONTAINERS]) {
      expect(Buffer.from(built.files.get(file) as Uint8Array).equals(await readFile(path.join(ROOT, file)))).toBe(true)
    }
  })

  test('renders the table with its alignment', () => {
    const headers = $('table th').map((_, th) => [[$(th).text(), $(th).attr('class')]]).get()
    expect(headers).toEqual([
      ['Containers', 'align-center'],
      ['Virtual Machines', 'align-center'],
    ])
    expect($('table td.align-center')).toHaveLength(4)
    expect($('table tbody tr')).toHaveLength(2)
    expect($('table tbody tr').first().find('td').first().text()).toBe('OS virtualization')
  })

  test('keeps the blockquote link whose url has parentheses', () => {
    const link = $('blockquote a').first()
    expect(link.attr('href')).toBe('https://en.wikipedia.org/wiki/Docker_(software)')
    expect(link.text()).toBe('Wikipedia')
  })

  test('nests the key notes list', () => {
    expect($('#key-notes + ul > li > ul > li')).toHaveLength(5)
  })

  test('leaves no directive, reference label or comment text behind', () => {
    const html = built.text(PAGE)
    expect(html).not.toMatch(/<toc/i)
    expect(html).not.toContain('[docker-logo]')
    expect(html).not.toContain('[docker-containers]')
    expect(html).not.toContain('MARKDOWN LINKS')
    expect($('.post-body').text()).not.toContain('/assets/images/')
  })

  test('has a meta description from the first paragraph', () => {
    expect($('meta[name="description"]').attr('content')).toBe("Let's forget what you have read and start with AI Engineer's introduction.")
  })

  test('the home page lists the post under its section and series', () => {
    const home = load(built.text('index.html'))
    const section = home('.section').first()
    expect(section.find('.section-title').text().trim()).toBe('ML Skills')
    expect(section.find('.series-title a').first().text()).toBe('Docker')
    expect(section.find('.post-link').attr('href')).toBe('/ml-skills/docker/introduction/')
    expect(section.find('.post-link').text()).toBe('Docker - Introduction')
  })

  test('writes the stylesheet and a 404 page', () => {
    expect(built.files.has('assets/berth.css')).toBe(true)
    expect(load(built.text('404.html'))('h1').text()).toBe('Page not found')
  })
})

describe('the seed post under a base path', () => {
  test('prefixes every internal url with the base', async () => {
    const { text } = await buildInMemory(ROOT, { base: '/docs/' })
    const $ = load(text(PAGE))
    expect($('.post-body img').map((_, img) => $(img).attr('src')).get()).toEqual([`/docs/${LOGO}`, `/docs/${CONTAINERS}`])
    expect($('link[rel="stylesheet"]').attr('href')).toBe('/docs/assets/berth.css')
    expect($('a.site-title').attr('href')).toBe('/docs/')
    const home = load(text('index.html'))
    expect(home('.section .post-link').attr('href')).toBe('/docs/ml-skills/docker/introduction/')
    const notFound = load(text('404.html'))
    expect(notFound('link[rel="stylesheet"]').attr('href')).toBe('/docs/assets/berth.css')
    // External links are untouched.
    expect($('blockquote a').first().attr('href')).toBe('https://en.wikipedia.org/wiki/Docker_(software)')
  })
})
