import { load } from 'cheerio'
import { describe, expect, test } from 'vitest'
import { buildInMemory, makeSite, post } from '../helpers/temp-site.ts'
import { renderSnippet } from '../helpers/markdown.ts'

describe('escaping in every output', () => {
  test('a hostile code-fence info string stays inside its attribute', () => {
    const { html } = renderSnippet('```"><script>alert(1)</script>\ncode\n```')
    // The quote is encoded, so `<script>` is only characters of the class attribute.
    expect(html).toContain('class="language-&#x22;>')
    expect(load(html)('script')).toHaveLength(0)
    expect(load(html)('pre code').text()).toBe('code\n')
  })

  test('link and image titles and destinations are escaped', () => {
    const { html } = renderSnippet('[a](https://x.example/"onmouseover="alert(1) "t\\"><script>x</script>")\n\n![i](https://x.example/i.png "<script>y</script>")')
    const $ = load(html)
    expect($('script')).toHaveLength(0)
    expect($('a').attr('onmouseover')).toBeUndefined()
    expect($('a').attr('title')).toBe('t"><script>x</script>')
    // A titled image alone in its paragraph is a figure: the title becomes its caption, as text.
    expect($('figcaption').text()).toBe('<script>y</script>')
  })

  test('toc text is text', () => {
    const { html } = renderSnippet('<toc>\n\n## A &lt;b&gt; `<i>` heading\n')
    expect(load(html)('nav.toc a').html()).toBe('A &lt;b&gt; <code>&lt;i&gt;</code> heading')
  })

  test('config values are text in pages', async () => {
    const root = await makeSite({ 'content/a.md': post('a', 'Body'), 'berth.config.json': JSON.stringify({ title: '</title><script>alert(1)</script>', description: '"><script>' }) })
    const { text } = await buildInMemory(root)
    for (const file of ['a/index.html', 'index.html']) {
      const $ = load(text(file))
      expect($('script:not([src]):not([type="application/ld+json"])')).toHaveLength(0)
      expect($('title').text()).toContain('</title><script>alert(1)</script>')
    }
  })
})

describe('raw HTML', () => {
  const HOSTILE = [
    '<script>alert(1)</script>',
    '<img src="x.png" alt="x" onerror="alert(2)">',
    '<a href="javascript:alert(3)">click</a>',
    '<iframe srcdoc="<script>alert(4)</script>"></iframe>',
    '<svg onload="alert(5)"><circle r="1"/></svg>',
    '<div onclick="alert(6)" style="position:fixed">text</div>',
    '<form action="https://evil.example"><input name="q"></form>',
  ].join('\n\n')

  test('is kept as written by default: the author owns their posts', () => {
    const { html } = renderSnippet('| a | b |\n|---|---|\n| one<br />two | x |\n\n<details><summary>More</summary>Hidden</details>\n')
    expect(html).toContain('one<br />two')
    expect(html).toContain('<details><summary>More</summary>Hidden</details>')
  })

  test.for([
    ['script', ($: ReturnType<typeof load>) => $('script').length],
    ['event handlers', ($: ReturnType<typeof load>) => $('[onerror], [onload], [onclick]').length],
    ['javascript: urls', ($: ReturnType<typeof load>) => $('a[href^="javascript:"]').length],
    ['iframes with srcdoc', ($: ReturnType<typeof load>) => $('iframe').length],
    ['svg', ($: ReturnType<typeof load>) => $('svg').length],
    // Inputs survive only as GitHub's disabled task-list checkboxes.
    ['styles and forms', ($: ReturnType<typeof load>) => $('[style], form, input:not([disabled][type="checkbox"])').length],
  ] as const)('markdown.rawHtml "sanitize" removes %s', ([, count]) => {
    const { html } = renderSnippet(HOSTILE, { rawHtml: 'sanitize' })
    expect(count(load(html))).toBe(0)
    expect(html).not.toMatch(/alert\(\d\)/)
  })

  test('sanitizing keeps what posts need: toc, heading ids, images, tables, <br>', () => {
    const { html } = renderSnippet('<toc>\n\n## Why docker?\n\n![logo](https://x.example/l.png)\n\n| a |\n|---|\n| one<br />two |\n', { rawHtml: 'sanitize' })
    const $ = load(html)
    expect($('nav.toc a').attr('href')).toBe('#why-docker')
    expect($('h2').attr('id')).toBe('why-docker')
    expect($('img').attr('src')).toBe('https://x.example/l.png')
    expect($('td').html()).toBe('one<br>two')
  })

  test('is switched by the config', async () => {
    const root = await makeSite({ 'content/a.md': post('a', 'Hi <script>alert(1)</script>'), 'berth.config.json': '{"markdown": {"rawHtml": "sanitize"}}' })
    const { text } = await buildInMemory(root)
    const $ = load(text('a/index.html'))
    expect($('script:not([src]):not([type="application/ld+json"])')).toHaveLength(0)
    expect($('.post-body').html()).not.toContain('alert(1)')
  })
})
