import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { renderSnippet } from '../helpers/markdown.ts'

const DOC = '<toc>\n\n## Introduction\n\n### Why docker?\n\n### How?\n\n## Installation\n\n#### Deep\n'

test.for(['<toc>', '<toc/>', '<toc />', '<toc></toc>', '<TOC>'])('%s becomes a nav with the heading tree', (directive) => {
  const { html } = renderSnippet(DOC.replace('<toc>', directive))
  const $ = load(html)
  expect($('nav.toc')).toHaveLength(1)
  expect(html).not.toMatch(/<\/?toc/i)
  const top = $('nav.toc > ul > li')
  expect(top.map((_, li) => $(li).children('a').text()).get()).toEqual(['Introduction', 'Installation'])
  expect(top.first().find('> ul > li > a').map((_, a) => $(a).attr('href')).get()).toEqual(['#why-docker', '#how'])
})

test('toc links match the heading ids exactly, repeats included', () => {
  const { html } = renderSnippet('<toc>\n\n## Setup\n\n## Setup\n\n## Überblick\n')
  const $ = load(html)
  // Non-ASCII ids are percent-encoded in href; browsers decode the fragment before matching.
  const hrefs = $('nav.toc a').map((_, a) => decodeURIComponent($(a).attr('href')!.slice(1))).get()
  const ids = $('h2').map((_, h) => $(h).attr('id')).get()
  expect(hrefs).toEqual(ids)
  expect(ids).toEqual(['setup', 'setup-1', 'überblick'])
})

test('levels 2-3 by default; the depth is configurable', () => {
  const shallow = load(renderSnippet(DOC).html)
  expect(shallow('nav.toc a').text()).not.toContain('Deep')
  const deep = load(renderSnippet(DOC, { toc: { minDepth: 2, maxDepth: 4 } }).html)
  expect(deep('nav.toc a[href="#deep"]')).toHaveLength(1)
})

test('a skipped level nests under the heading before it', () => {
  const { html, data } = renderSnippet('<toc>\n\n## Intro\n\n#### Detail\n\n## Next\n', { toc: { minDepth: 2, maxDepth: 4 } })
  const $ = load(html)
  expect($('nav.toc > ul > li').first().find('a[href="#detail"]')).toHaveLength(1)
  expect(data.toc).toEqual([
    { id: 'intro', text: 'Intro', depth: 2, children: [{ id: 'detail', text: 'Detail', depth: 4, children: [] }] },
    { id: 'next', text: 'Next', depth: 2, children: [] },
  ])
})

test('<toc> in code or inline code stays text', () => {
  const { html } = renderSnippet('Write `<toc>` where it goes.\n\n```md\n<toc>\n```\n\n## A\n')
  expect(html).not.toContain('<nav')
  expect(html).toContain('<code>&#x3C;toc></code>')
  expect(load(html)('pre code').text()).toBe('<toc>')
})

test('the tree is handed on for templates even without a directive', () => {
  expect(renderSnippet('## A\n\n### B\n').data.toc).toEqual([{ id: 'a', text: 'A', depth: 2, children: [{ id: 'b', text: 'B', depth: 3, children: [] }] }])
})

test('a second <toc>, or one with nothing to list, is dropped with a warning', () => {
  const twice = renderSnippet('<toc>\n\n## A\n\n<toc>\n')
  expect(load(twice.html)('nav.toc')).toHaveLength(1)
  expect(twice.diagnostics).toEqual([expect.objectContaining({ line: 5, severity: 'warning', ruleId: 'toc/unused' })])
  const empty = renderSnippet('<toc>\n\nJust text.\n')
  expect(empty.html).not.toContain('<nav')
  expect(empty.diagnostics).toEqual([expect.objectContaining({ line: 1, ruleId: 'toc/unused', message: '<toc> has no headings of levels 2–3 to list' })])
})
