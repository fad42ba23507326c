import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { renderSnippet } from '../helpers/markdown.ts'

test('GFM tables keep alignment and raw <br /> in cells', () => {
  const $ = load(renderSnippet('| left | center | right |\n| :--- | :---: | ---: |\n| a<br />b | c | d |\n').html)
  expect($('th').map((_, th) => $(th).attr('class')).get()).toEqual(['align-left', 'align-center', 'align-right'])
  expect($('[align]')).toHaveLength(0)
  expect($('td').first().html()).toBe('a<br>b')
})

test('task lists, strikethrough, bare-url autolinks and footnotes', () => {
  const { html } = renderSnippet('- [x] done\n- [ ] todo\n\n~~old~~ and https://docs.docker.com here.\n\nA claim.[^1]\n\n[^1]: The source.\n')
  const $ = load(html)
  expect($('input[type="checkbox"]').map((_, i) => $(i).attr('checked') !== undefined).get()).toEqual([true, false])
  expect($('del').text()).toBe('old')
  expect($('a[href="https://docs.docker.com"]').text()).toBe('https://docs.docker.com')
  expect($('section[data-footnotes] li').text()).toContain('The source.')
  expect($('sup a').attr('href')).toBe('#user-content-fn-1')
})

test('HTML comments are not published; other raw HTML is kept', () => {
  const { html } = renderSnippet('<!-- MARKDOWN LINKS & IMAGES -->\n\nText <!-- inline --> here.\n\n<details><summary>More</summary>\n\nHidden.\n\n</details>\n')
  expect(html).not.toContain('MARKDOWN LINKS')
  expect(html).toContain('<details><summary>More</summary>')
})

test('dollar signs are money, not math', () => {
  expect(load(renderSnippet('It costs $5 and $10.').html)('p').text()).toBe('It costs $5 and $10.')
})

test('fragment and external links keep their href in markdown; path links get a slot the site stage fills', () => {
  const { html, data } = renderSnippet('[a](/ml-skills/docker/volumes/) [b](../volumes/) [c](#how) [d](https://docs.docker.com) [e](//cdn.example/x)', { base: '/repo/' })
  const $ = load(html)
  const slots = data.postLinks!.map((link) => link.slot)
  expect($('a').map((_, a) => $(a).attr('href')).get()).toEqual([...slots, '#how', 'https://docs.docker.com', '//cdn.example/x'])
  expect(data.postLinks!.map((link) => link.url)).toEqual(['/ml-skills/docker/volumes/', '../volumes/'])
})

test('the excerpt is the first paragraph with text, cut at a word', () => {
  expect(renderSnippet('![logo](https://x.example/a.png)\n\n> Quote.\n\nThe first words.\n').data.excerpt).toBe('The first words.')
  const long = renderSnippet(`${'word '.repeat(60)}\n`).data.excerpt!
  expect(long.length).toBeLessThanOrEqual(160)
  expect(long.endsWith('word…')).toBe(true)
})
