import { load } from 'cheerio'
import { describe, expect, test } from 'vitest'
import type { Diagnostic } from '../../src/types.ts'
import { buildInMemory, makeSite } from '../helpers/temp-site.ts'

const build = async (files: Record<string, string>) => buildInMemory(await makeSite(files), { cache: false })
const brief = (d: Diagnostic) => ({ ruleId: d.ruleId, severity: d.severity, file: d.file, line: d.line, column: d.column })

describe('a post written for Jekyll', () => {
  test('a Jekyll date with a time and offset is accepted and published as that instant', async () => {
    const { result, text } = await build({ 'content/a.md': '---\nurl: a\nlayout: post\ndate: 2024-03-15 10:00:00 +0100\n---\n\n# A\n' })
    expect(result.diagnostics).toEqual([])
    expect(load(text('a/index.html'))('.post-meta time, time').first().attr('datetime')).toMatch(/^2024-03-15/)
  })

  test('permalink is a warning at its key whose hint is the url line to write instead', async () => {
    const { result, files } = await build({ 'content/a.md': '---\nlayout: post\npermalink: /blog/first-steps/\n---\n\n# A\n' })
    expect(result.ok).toBe(true)
    expect(result.diagnostics.map(brief)).toEqual([{ ruleId: 'front-matter/permalink', severity: 'warning', file: 'content/a.md', line: 3, column: 1 }])
    expect(result.diagnostics[0]!.hint).toBe('berth names a page\'s address with url: write url: blog/first-steps')
    // The page still builds at berth's own address for the file.
    expect(files.has('a/index.html')).toBe(true)
  })

  test('another generator\'s key or a misspelt one is a warning naming what berth reads instead; the author\'s own keys reach templates', async () => {
    const root = await makeSite({
      'content/a.md': '---\nurl: a\ncategories: [docker]\nexcerpt: Short\nTitle: A\ntag: [x]\nhero: whale.png\n---\n\n# A\n',
      'templates/partials/head-extra.html': '<meta name="hero" content="{{ page.data.hero }}">',
    })
    const { result, text } = await buildInMemory(root, { cache: false })
    expect(result.diagnostics.map((d) => [d.ruleId, d.line, d.hint])).toEqual([
      ['front-matter/unread-key', 3, expect.stringContaining('tags: [')],
      ['front-matter/unread-key', 4, expect.stringContaining('description:')],
      ['front-matter/unread-key', 5, expect.stringMatching(/^did you mean "title"\?/)],
      ['front-matter/unread-key', 6, expect.stringMatching(/^did you mean "tags"\?/)],
    ])
    expect(load(text('a/index.html'))('meta[name=hero]').attr('content')).toBe('whale.png')
  })

  test('a _posts/YYYY-MM-DD-name.md file takes its date and title from the name, with a warning', async () => {
    const { result, text } = await build({ 'content/_posts/2023-07-01-first-steps.md': 'Hello.\n' })
    expect(result.ok).toBe(true)
    expect(result.diagnostics.map(brief)).toEqual([
      // About the file as a whole: its name, not a line in it.
      { ruleId: 'content/jekyll-post-name', severity: 'warning', file: 'content/_posts/2023-07-01-first-steps.md', line: undefined, column: undefined },
    ])
    expect(result.diagnostics[0]!.message).toContain('takes the date 2023-07-01 from it and publishes the page at /_posts/first-steps/')
    expect(result.diagnostics[0]!.hint).toMatch(/date: 2023-07-01/)
    const $ = load(text('_posts/first-steps/index.html'))
    expect($('h1').first().text()).toBe('First Steps')
    expect($('time').first().attr('datetime')).toMatch(/^2023-07-01/)
  })

  test('a date in the front matter wins over the name', async () => {
    const { result, text } = await build({ 'content/_posts/2023-07-01-first-steps.md': '---\ndate: 2024-01-02\n---\n\n# First steps\n' })
    expect(result.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('reads the date from the front matter')])
    expect(load(text('_posts/first-steps/index.html'))('time').first().attr('datetime')).toMatch(/^2024-01-02/)
  })

  test('Liquid in a post is a warning at its exact place; Go templates and Liquid in code are not', async () => {
    const body = [
      '# A', // line 6
      '',
      'See {% post_url 2023-07-01-first-steps %} and {{ site.title }}.', // line 8
      '',
      'Inspect with `docker inspect --format "{{.State.Status}}" web`.',
      '',
      '```bash',
      'docker ps --format "{{.Names}}"',
      '{% raw %}',
      '```',
    ].join('\n')
    const { result } = await build({ 'content/a.md': `---\nurl: a\nlayout: post\n---\n\n${body}\n` })
    expect(result.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.message])).toEqual([
      ['markdown/liquid', 8, 5, 'Liquid tag "{% post_url 2023-07-01-first-steps %}" in a post is shown to readers as written'],
      ['markdown/liquid', 8, 47, 'Liquid output "{{ site.title }}" in a post is shown to readers as written'],
      ['markdown/liquid', 14, 1, 'Liquid tag "{% raw %}" in a post is shown to readers as written'],
    ])
    expect(result.diagnostics[0]!.hint).toMatch(/\[text\]\(other-post\.md\)/)
  })
})

describe('one mistake, one error', () => {
  test('a bad date is one error with a hint; the post keeps its other diagnostics and builds nothing half-way', async () => {
    const { result } = await build({ 'content/a.md': '---\nurl: a\nlayout: post\ndate: 15/03/2024\n---\n\n# A\n\n![x][missing]\n' })
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity, d.line])).toEqual([
      ['front-matter/invalid-field', 'error', 4],
      ['image/undefined-reference', 'error', 9],
    ])
    expect(result.diagnostics[0]!.hint).toMatch(/YYYY-MM-DD/)
  })
})
