import { load } from 'cheerio'
import { describe, expect, test } from 'vitest'
import { cli } from '../helpers/cli.ts'
import { buildInMemory, makeSite } from '../helpers/temp-site.ts'

const post = (url: string, frontMatter = '') => `---\nurl: ${url}\nlayout: post\n${frontMatter}---\n\n# ${url}\n\nText.\n`

const CONFIG = JSON.stringify({ title: 'T', tested: { current: { docker: '28.1', compose: '2.39' } } })
const SITE_MAP = JSON.stringify(
  [
    {
      title: 'Series',
      url: 'series/',
      type: 'topic',
      tested: { docker: '25.0' },
      children: [
        { title: 'One', url: 'series/one/' },
        { title: 'Two', url: 'series/two/', tested: { docker: '28.0' } },
      ],
    },
  ],
  null,
  2,
)

async function site() {
  return makeSite({
    'berth.config.json': CONFIG,
    'content/posts.json': SITE_MAP,
    'content/series/one.md': post('series/one'),
    'content/series/two.md': post('series/two'),
    'content/series/three.md': post('series/three'),
    'content/fresh.md': post('fresh', 'tested:\n  docker: "27.3"\n  compose: "2.29"\n'),
    'content/old.md': post('old', 'tested: {docker: "24.0", compose: "2.20"}\n'),
    'content/plain.md': post('plain'),
  })
}

describe('"tested with" versions', () => {
  test('a post shows the versions it was tested with, as a note under its title', async () => {
    const { text } = await buildInMemory(await site())
    const $ = load(text('fresh/index.html'))
    const note = $('.post-header .tested-with')
    expect(note.attr('role')).toBe('note')
    expect(note.hasClass('is-outdated')).toBe(false)
    expect(note.text().replace(/\s+/g, ' ').trim()).toBe('Tested with Docker 27.3 and Docker Compose 2.29.')
    expect(load(text('plain/index.html'))('.tested-with')).toHaveLength(0)
  })

  test('more major versions behind the site\'s current ones than allowed: the notice says "may be outdated" and the build warns at the key', async () => {
    const { text, result } = await buildInMemory(await site())
    const note = load(text('old/index.html'))('.tested-with')
    expect(note.hasClass('is-outdated')).toBe(true)
    expect(note.text().replace(/\s+/g, ' ').trim()).toBe('May be outdated: tested with Docker 24.0 and Docker Compose 2.20; now Docker is at 28.1.')
    const outdated = result.diagnostics.filter((d) => d.ruleId === 'tested/outdated')
    expect(outdated.map((d) => [d.file, d.line, d.column, d.severity])).toEqual([
      ['content/old.md', 4, 1, 'warning'],
      ['content/posts.json', 6, 5, 'warning'],
    ])
    expect(outdated[0]!.message).toBe('/old/ was tested with Docker 24.0, 4 major versions behind 28.1: readers may find steps that no longer work')
    expect(outdated[0]!.hint).toMatch(/set tested\.docker to "28\.1"/)
  })

  test('a series\' versions in the site map go to its posts, listed or only in its folder; a post\'s own win', async () => {
    const { text, result } = await buildInMemory(await site())
    const noteOf = (file: string) => load(text(file))('.tested-with').text().replace(/\s+/g, ' ').trim()
    expect(noteOf('series/one/index.html')).toBe('May be outdated: tested with Docker 25.0; now Docker is at 28.1.')
    expect(noteOf('series/three/index.html')).toBe('May be outdated: tested with Docker 25.0; now Docker is at 28.1.')
    expect(noteOf('series/two/index.html')).toBe('Tested with Docker 28.0.')
    // One warning for the series' declaration, naming the posts that inherit it.
    const series = result.diagnostics.filter((d) => d.ruleId === 'tested/outdated' && d.file === 'content/posts.json')
    expect(series.map((d) => d.message)).toEqual(['/series/one/, /series/three/ were tested with Docker 25.0, 3 major versions behind 28.1: readers may find steps that no longer work'])
  })

  test('majorsBehind sets how far behind is still fine; with no current versions nothing is outdated', async () => {
    const root = await site()
    const relaxed = await buildInMemory(root, {})
    expect(relaxed.result.diagnostics.some((d) => d.ruleId === 'tested/outdated')).toBe(true)
    const lenient = await makeSite({ 'berth.config.json': JSON.stringify({ title: 'T', tested: { current: { docker: '28.1' }, majorsBehind: 4 } }), 'content/old.md': post('old', 'tested: {docker: "24.0"}\n') })
    expect((await buildInMemory(lenient)).result.diagnostics).toEqual([])
    const unset = await makeSite({ 'content/old.md': post('old', 'tested: {docker: "19.03"}\n') })
    const built = await buildInMemory(unset)
    expect(built.result.diagnostics).toEqual([])
    expect(load(built.text('old/index.html'))('.tested-with').text().replace(/\s+/g, ' ').trim()).toBe('Tested with Docker 19.03.')
  })

  test('a version that is no version is a front matter error at its line', async () => {
    const root = await makeSite({ 'content/bad.md': post('bad', 'tested:\n  docker: latest\n') })
    const { result } = await buildInMemory(root)
    expect(result.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['front-matter/invalid-field', 5]])
  })

  test('berth check --format json lists the outdated posts', async () => {
    const root = await site()
    const { stdout, code } = await cli(['check', '--format', 'json', '--site-url', 'https://x.example'], root)
    expect(code).toBe(0)
    const listed = (JSON.parse(stdout) as { ruleId: string; file: string; line: number }[]).filter((d) => d.ruleId === 'tested/outdated')
    expect(listed.map((d) => `${d.file}:${d.line}`)).toEqual(['content/old.md:4', 'content/posts.json:6'])
  })
})
