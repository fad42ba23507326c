import fc from 'fast-check'
import { expect, test } from 'vitest'
import { renderSnippet } from '../helpers/markdown.ts'

// An independent reading of GitHub's rules for heading anchors, from GitHub's documentation: the
// heading's text with markup removed (code, emphasis and link text kept; HTML tags and images gone),
// lower-cased, every character that is not a letter, number, mark, space, `-` or `_` removed, each space
// made a `-`; a repeated anchor gets `-1`, `-2` … in order.
function githubAnchor(text: string): string {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-')
}

function githubAnchors(texts: readonly string[]): string[] {
  const used = new Set<string>()
  const count = new Map<string, number>()
  return texts.map((text) => {
    const base = githubAnchor(text)
    let n = count.get(base) ?? 0
    let anchor = n === 0 ? base : `${base}-${n}`
    while (used.has(anchor)) anchor = `${base}-${++n}`
    count.set(base, n + 1)
    used.add(anchor)
    return anchor
  })
}

const WORDS = ['Docker', 'run', 'Compose', 'v2', 'Überblick', '容器', 'naïve', 'C++', 'Go!', 'what?', 'a_b', 'x-y', '🐳', ':whale:', '(beta)', 'R&D', '1.0', 'Node.js', "it's", 'GPU/CPU']

// A word with the markup an author puts in headings, and the text GitHub reads from it.
const MARKUP: [wrap: (w: string) => string, read: (w: string) => string][] = [
  [(w) => w, (w) => w],
  [(w) => `*${w}*`, (w) => w],
  [(w) => `**${w}**`, (w) => w],
  [(w) => `\`${w}\``, (w) => w],
  [(w) => `[${w}](other.md)`, (w) => w],
  [(w) => `<code>${w}</code>`, (w) => w],
  [(w) => `${w} <img src="https://example.com/b.svg" alt="badge">`, (w) => `${w} `],
]

const heading = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.integer({ min: 0, max: MARKUP.length - 1 })), { minLength: 1, maxLength: 5 })
  .map((parts) => ({
    markdown: parts.map(([word, m]) => MARKUP[m]![0](word)).join(' '),
    text: parts.map(([word, m]) => MARKUP[m]![1](word)).join(' '),
  }))
  .filter(({ text }) => githubAnchor(text) !== '')

test('heading ids match an independent reading of GitHub\'s rules, duplicates included', () => {
  fc.assert(
    fc.property(fc.array(heading, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(7), { maxLength: 4 }), (headings, repeats) => {
      // Repeat some headings word for word, as tutorials do ("Run it", "Run it").
      const all = [...headings, ...repeats.map((i) => headings[i % headings.length]!)]
      const { data } = renderSnippet(all.map((h) => `## ${h.markdown}\n`).join('\n'))
      expect(data.headings!.map((h) => h.id)).toEqual(githubAnchors(all.map((h) => h.text)))
    }),
    { numRuns: 300, seed: 20261206 },
  )
})

test('the # title counts: a later heading with its words is numbered after it, as on GitHub', () => {
  const { data } = renderSnippet('# Networking\n\n## Networking\n\n## Networking\n')
  expect([data.titleId, ...data.headings!.map((h) => h.id)]).toEqual(['networking', 'networking-1', 'networking-2'])
})
