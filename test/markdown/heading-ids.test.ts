import { expect, test } from 'vitest'
import { renderSnippet } from '../helpers/markdown.ts'

test.for([
  ['## Why docker?', 'why-docker'],
  ['## Containers vs. Virtual Machines', 'containers-vs-virtual-machines'],
  ['## Überblick', 'überblick'],
  ['## 容器', '容器'],
  ['## `docker run` flags', 'docker-run-flags'],
  ['## C++ & Go', 'c--go'],
] as const)('%s gets the GitHub id %s', ([markdown, id]) => {
  expect(renderSnippet(markdown).data.headings).toEqual([expect.objectContaining({ id })])
  expect(renderSnippet(markdown).html).toContain(`id="${id}"`)
})

test('repeated headings get -1, -2, as on GitHub', () => {
  const { data } = renderSnippet('## Setup\n\n### Setup\n\n## Setup\n')
  expect(data.headings?.map((h) => h.id)).toEqual(['setup', 'setup-1', 'setup-2'])
})

test('headings of only punctuation or emoji get usable, unique ids', () => {
  const { data } = renderSnippet('## 🐳\n\n## ???\n\n## ---\n\n## Section\n')
  const ids = data.headings!.map((h) => h.id)
  // `---` keeps GitHub's id: hyphens are allowed in ids.
  expect(ids).toEqual(['section', 'section-1', '---', 'section-2'])
  expect(new Set(ids).size).toBe(ids.length)
})

test('a leading # heading becomes the title and leaves the body', () => {
  const { html, data } = renderSnippet('# Docker volumes\n\nText.\n\n## Next\n')
  expect(data.title).toBe('Docker volumes')
  expect(html).not.toContain('<h1')
  expect(data.excerpt).toBe('Text.')
})

test('h2–h4 get a # link to themselves, labelled for screen readers and left out of the search index', () => {
  const { html } = renderSnippet('## Why docker?\n\n#### Deep\n\n##### Deeper\n')
  expect(html).toContain('<h2 id="why-docker">Why docker?<a class="heading-anchor" href="#why-docker" aria-label="Link to the section “Why docker?”" data-pagefind-ignore="">#</a></h2>')
  expect(html).toContain('href="#deep"')
  expect(html).not.toContain('href="#deeper"')
})
