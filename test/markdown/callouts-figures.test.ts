import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { renderSnippet } from '../helpers/markdown.ts'

test.for([
  ['NOTE', 'note', 'Note'],
  ['TIP', 'tip', 'Tip'],
  ['IMPORTANT', 'important', 'Important'],
  ['WARNING', 'warning', 'Warning'],
  ['CAUTION', 'caution', 'Caution'],
  ['note', 'note', 'Note'],
] as const)('> [!%s] becomes a %s callout titled %s', ([marker, kind, title]) => {
  const $ = load(renderSnippet(`> [!${marker}]\n> Back up your **volumes** first.\n>\n> Second paragraph.`).html)
  const callout = $(`div.callout.callout-${kind}`)
  expect(callout).toHaveLength(1)
  expect(callout.attr('role')).toBe('note')
  expect(callout.children('p.callout-title').text()).toBe(title)
  expect(callout.children('p').eq(1).html()).toBe('Back up your <strong>volumes</strong> first.')
  expect(callout.text()).not.toContain('[!')
  expect($('blockquote')).toHaveLength(0)
})

test('other blockquotes, and markers not alone on their line, stay quotes', () => {
  const $ = load(renderSnippet('> plain quote\n\n> [!tip] not alone\n\n> [!UNKNOWN]\n> text').html)
  expect($('blockquote')).toHaveLength(3)
  expect($('.callout')).toHaveLength(0)
})

test('an image alone in its paragraph with a title becomes a figure with a caption', () => {
  const $ = load(renderSnippet('![diagram][d]\n\nInline ![x](https://x.example/i.png "not a figure") image.\n\n[d]: https://x.example/d.png "Two containers on one network"').html)
  expect($('figure.figure > img').attr('alt')).toBe('diagram')
  expect($('figure.figure > img').attr('title')).toBeUndefined()
  expect($('figure.figure > figcaption').text()).toBe('Two containers on one network')
  expect($('figure')).toHaveLength(1)
  expect($('p img').attr('title')).toBe('not a figure')
})
