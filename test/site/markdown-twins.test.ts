import { load } from 'cheerio'
import type { Image, Link, Root } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { describe, expect, test } from 'vitest'
import { buildInMemory, makeSite, pngOfSize } from '../helpers/temp-site.ts'

const INTRO = [
  '---',
  'url: docker/intro',
  'layout: post',
  '---',
  '',
  '# Docker intro',
  '',
  '![logo][logo]',
  '',
  '<toc>',
  '',
  '## Install',
  '',
  '<!-- a note to myself -->',
  'Read [volumes](volumes.md#mounts) next, or go [back up](#install); see [Docker](https://docs.docker.com/).',
  '',
  '<img src="/assets/images/logo.png" alt="The logo again">',
  '',
  '```html',
  '<toc>',
  '```',
  '',
  '[logo]: /assets/images/logo.png',
  '',
].join('\n')

const VOLUMES = '---\nurl: docker/volumes\nlayout: post\n---\n\n## Mounts\n\nBind mounts.\n'

async function site(files: Record<string, string | Uint8Array> = {}) {
  return makeSite({
    'berth.config.json': JSON.stringify({ title: 'Docker tutorials', description: 'Small steps.', base: '/docs/' }),
    'content/posts.json': JSON.stringify([
      { title: 'Docker', url: 'docker/', type: 'topic', children: [
        { title: 'Docker intro', url: 'docker/intro/', description: 'Why containers, in one page.' },
        { title: 'Volumes [and mounts]', url: 'docker/volumes/' },
      ] },
    ]),
    'content/docker/intro.md': INTRO,
    'content/docker/volumes.md': VOLUMES,
    'assets/images/logo.png': pngOfSize(40, 20),
    ...files,
  })
}

function parse(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(markdown)
}

function urlsOf(tree: Root): string[] {
  const urls: string[] = []
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'image') urls.push((node as Link | Image).url)
  })
  return urls
}

describe('markdown twins of posts', () => {
  test('each post has its markdown beside its HTML: the title, no front matter, no <toc>, no comments, every url absolute', async () => {
    const { text } = await buildInMemory(await site())
    expect(text('docker/intro/index.md')).toBe(
      [
        '# Docker intro',
        '',
        '![logo](https://docs.example.com/docs/assets/images/logo.png)',
        '',
        '## Install',
        '',
        'Read [volumes](https://docs.example.com/docs/docker/volumes/#mounts) next, or go [back up](https://docs.example.com/docs/docker/intro/#install); see [Docker](https://docs.docker.com/).',
        '',
        '<img src="https://docs.example.com/docs/assets/images/logo.png" alt="The logo again" width="40" height="20" loading="lazy" decoding="async">',
        '',
        '```html',
        '<toc>',
        '```',
        '',
      ].join('\n'),
    )
    // Read back as markdown: every link and image is a full url, and no definition is left dangling.
    const tree = parse(text('docker/intro/index.md'))
    expect(urlsOf(tree).every((url) => url.startsWith('https://'))).toBe(true)
    expect(tree.children.some((node) => node.type === 'definition')).toBe(false)
    // A post that does not begin with a `#` heading gets its title from the site map.
    expect(text('docker/volumes/index.md')).toBe('# Volumes [and mounts]\n\n## Mounts\n\nBind mounts.\n')
  })

  test('CRLF posts give LF twins; without a site url the urls are root-relative', async () => {
    const root = await site({ 'content/docker/intro.md': INTRO.replace(/\n/g, '\r\n') })
    const { text } = await buildInMemory(root, { siteUrl: undefined })
    const twin = text('docker/intro/index.md')
    expect(twin).not.toContain('\r')
    expect(urlsOf(parse(twin))).toEqual(['/docs/assets/images/logo.png', '/docs/docker/volumes/#mounts', '/docs/docker/intro/#install', 'https://docs.docker.com/'])
  })

  test('the page links its twin in <head> and offers "Copy page as markdown" beside the title', async () => {
    const { text } = await buildInMemory(await site())
    const $ = load(text('docker/intro/index.html'))
    expect($('link[rel="alternate"][type="text/markdown"]').attr('href')).toBe('/docs/docker/intro/index.md')
    const button = $('.post-title-row button.copy-page')
    expect(button.attr('data-markdown')).toBe('/docs/docker/intro/index.md')
    expect(button.text()).toBe('Copy page as markdown')
    expect($('.post-title-row h1').text()).toBe('Docker intro')
  })

  test('llms.txt lists the site, each series and every post with its summary, linking the twins', async () => {
    const { text, files } = await buildInMemory(await site())
    const llms = text('llms.txt')
    expect(llms).toBe(
      [
        '# Docker tutorials',
        '',
        '> Small steps.',
        '',
        '## Docker',
        '',
        '- [Docker intro](https://docs.example.com/docs/docker/intro/index.md): Why containers, in one page.',
        '- [Volumes \\[and mounts\\]](https://docs.example.com/docs/docker/volumes/index.md): Bind mounts.',
        '',
      ].join('\n'),
    )
    // Read back: one h1, the quote, a section per series, and every link names a twin that was written.
    const tree = parse(llms)
    expect(tree.children.map((node) => (node.type === 'heading' ? `h${node.depth}` : node.type))).toEqual(['h1', 'blockquote', 'h2', 'list'])
    const links = urlsOf(tree).map((url) => url.replace('https://docs.example.com/docs/', ''))
    expect(links).toEqual(['docker/intro/index.md', 'docker/volumes/index.md'])
    for (const link of links) expect(files.has(link)).toBe(true)
  })

  test('a site that sanitizes raw HTML leaves it out of the twins', async () => {
    const root = await site({ 'berth.config.json': JSON.stringify({ title: 'T', markdown: { rawHtml: 'sanitize' } }) })
    const { text } = await buildInMemory(root)
    expect(text('docker/intro/index.md')).not.toContain('<img')
    expect(text('docker/intro/index.md')).toContain('![logo](https://docs.example.com/assets/images/logo.png)')
  })
})
