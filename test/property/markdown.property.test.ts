import { load } from 'cheerio'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { validateHtml } from '../helpers/html-validate.ts'
import { renderSnippet } from '../helpers/markdown.ts'

const IMAGE = '/site/assets/images/logo.png'

// The constructs the author's posts use, with heading text that stresses ids: repeats, punctuation, emoji, non-ASCII.
const word = fc.constantFrom('docker', 'Container', 'image', 'Volumes', 'Überblick', '容器', 'C++', 'v1.2', '🐳', '???', 'How?', 'a-b', '`run`', 'Key notes')
const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '))
const inline = fc.oneof(
  text,
  text.map((t) => `**${t}**`),
  text.map((t) => `_${t}_`),
  fc.constant('`docker ps -a`'),
  text.map((t) => `[${t}](https://docs.docker.com/)`),
  fc.constant('![diagram][logo]'),
  fc.constant('a | pipe'),
)
const paragraph = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '))
const heading = fc.tuple(fc.integer({ min: 2, max: 4 }), text).map(([depth, t]) => `${'#'.repeat(depth)} ${t}`)
const list = fc.array(fc.tuple(paragraph, fc.option(paragraph)), { minLength: 1, maxLength: 4 }).map((items) => items.map(([a, b]) => `- ${a}${b ? `\n  - ${b}` : ''}`).join('\n'))
const quote = paragraph.map((p) => `> ${p}`)
const code = fc.constantFrom('```bash\ndocker run --rm -it debian:12 bash\n```', '```\n<toc>\n```', '```dockerfile\nFROM node:20\nCOPY . .\n```')
const table = fc.tuple(text, text).map(([a, b]) => `| **${a}** | ${b} |\n| :---: | --- |\n| one<br />two | ${b} |`)
const block = fc.oneof({ weight: 3, arbitrary: paragraph }, { weight: 3, arbitrary: heading }, list, quote, code, table, fc.constant('<toc>'), fc.constant('<!-- note -->'))
const documents = fc.array(block, { minLength: 1, maxLength: 14 }).map((blocks) => `${blocks.join('\n\n')}\n\n[logo]: /assets/images/logo.png\n`)

function page(body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Post</title></head><body><main>${body}</main></body></html>`
}

test('for random posts the pipeline never throws, toc links match ids, ids are unique, and the HTML is valid', async () => {
  await fc.assert(
    fc.asyncProperty(documents, async (markdown) => {
      const { html, diagnostics } = renderSnippet(markdown, { images: { [IMAGE]: { width: 10, height: 10 } } })
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      const $ = load(html)
      const ids = $('[id]').map((_, el) => $(el).attr('id')).get()
      expect(new Set(ids).size).toBe(ids.length)
      for (const href of $('nav.toc a').map((_, a) => $(a).attr('href')).get()) expect(ids).toContain(decodeURIComponent(href.slice(1)))
      expect($('h2, h3, h4').length).toBe($('h2[id], h3[id], h4[id]').length)
      expect(await validateHtml(page(html), 'post.html')).toEqual([])
    }),
    { numRuns: 150, seed: 20261129 },
  )
}, 120_000)
