import { describe, expect, test } from 'vitest'
import { decodeText } from '../../src/load/decode-text.ts'
import { parseFrontMatter } from '../../src/load/front-matter.ts'
import type { SourceFile } from '../../src/types.ts'

const source = (raw: string): SourceFile => ({ path: '/site/content/a.md', relPath: 'content/a.md', raw })

describe('parseFrontMatter', () => {
  test('reads the fields and blanks the front matter lines out of the body', () => {
    const { value, diagnostics } = parseFrontMatter(source('---\nurl: a/b\nlayout: post\ntags: [docker]\n---\n\n# Hi\n'))
    expect(diagnostics).toEqual([])
    expect(value?.data).toEqual({ url: 'a/b', layout: 'post', tags: ['docker'] })
    // Five front matter lines (fences included) become empty lines, so `# Hi` stays on line 7.
    expect(value?.body.split('\n').indexOf('# Hi')).toBe(6)
    expect(value?.body.trim()).toBe('# Hi')
    expect(value?.keyPositions.layout).toEqual({ line: 3, column: 1 })
  })

  test('a file without front matter is all body', () => {
    expect(parseFrontMatter(source('# Title\n')).value).toEqual({ data: {}, body: '# Title\n', keyPositions: {} })
  })

  test('empty front matter is an empty mapping', () => {
    expect(parseFrontMatter(source('---\n---\nText\n')).value?.data).toEqual({})
  })

  test('malformed YAML is an error at its line in the file', () => {
    const { value, diagnostics } = parseFrontMatter(source('---\nurl: a\ntitle: [unclosed\n---\nbody\n'))
    expect(value).toBeUndefined()
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ file: 'content/a.md', ruleId: 'front-matter/invalid-yaml', severity: 'error' })
    expect(diagnostics[0]!.line).toBeGreaterThanOrEqual(3)
  })

  test('a wrong field type is an error at the key, naming field and types', () => {
    const { diagnostics } = parseFrontMatter(source('---\nurl: a\nlayout: post\ndraft: "yes"\n---\n'))
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'front-matter/invalid-field', line: 4, column: 1, message: expect.stringMatching(/"draft".*expected boolean, got the text "yes"/) }),
    ])
  })

  test.for([
    ['tags: docker', 'tags', /expected array/],
    ['date: 2021-13-45', 'date', /not a real calendar date/],
    ['date: May 5', 'date', /expected a date like 2021-05-15/],
    ['title: 12', 'title', /expected string, got the number 12/],
  ])('rejects %s', ([line, field, message]) => {
    const { diagnostics } = parseFrontMatter(source(`---\n${line}\n---\n`))
    expect(diagnostics[0]).toMatchObject({ line: 2, message: expect.stringContaining(`"${field}"`) })
    expect(diagnostics[0]!.message).toMatch(message as RegExp)
  })

  test('front matter that is not a mapping is an error', () => {
    const { diagnostics } = parseFrontMatter(source('---\n- a\n- b\n---\n'))
    expect(diagnostics[0]).toMatchObject({ ruleId: 'front-matter/not-a-mapping', line: 2, message: expect.stringContaining('not a list') })
  })

  test.for(['js', 'javascript', 'coffee'])('---%s front matter is refused, never evaluated', (language) => {
    const marker = `berthEvaluated${language}`
    const { diagnostics } = parseFrontMatter(source(`---${language}\n{ url: (globalThis.${marker} = true, 'x') }\n---\n`))
    expect(diagnostics[0]).toMatchObject({ ruleId: 'front-matter/unsupported-language', line: 1, column: 4 })
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined()
  })

  test('YAML tags that would construct code are refused', () => {
    const { diagnostics } = parseFrontMatter(source('---\ntitle: !!js/function "function () { return 1 }"\n---\n'))
    expect(diagnostics[0]).toMatchObject({ ruleId: 'front-matter/unsafe-yaml', line: 2 })
  })

  test('an alias bomb fails fast with an error', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']]) {
      bomb.push(`${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`)
    }
    const { diagnostics } = parseFrontMatter(source(`---\n${bomb.join('\n')}\n---\n`))
    expect(diagnostics[0]).toMatchObject({ ruleId: 'front-matter/unsafe-yaml' })
  })

  test('front matter that is never closed is an error', () => {
    expect(parseFrontMatter(source('---\nurl: a\n\n# Post\n')).diagnostics[0]).toMatchObject({ ruleId: 'front-matter/unclosed', line: 1 })
  })

  test('parsing the same text twice gives independent objects', () => {
    const raw = '---\ntags: [docker]\n---\n'
    const first = parseFrontMatter(source(raw)).value!
    first.data.tags!.push('mutated')
    expect(parseFrontMatter(source(raw)).value!.data.tags).toEqual(['docker'])
  })
})

describe('decodeText', () => {
  test('a CRLF file with a byte-order mark reads exactly like its LF twin', () => {
    const lf = '---\nurl: a\n---\n\n# Hi\n\ntext\n'
    const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`
    const decoded = decodeText(new TextEncoder().encode(crlf))
    expect(decoded).toEqual({ text: lf })
    expect(parseFrontMatter(source((decoded as { text: string }).text))).toEqual(parseFrontMatter(source(lf)))
  })

  test.for([
    [new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x41]), 'content/not-utf8'],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), 'content/binary'],
    [new TextEncoder().encode(' \n\n'), 'content/empty'],
  ] as const)('refuses unusable bytes (%#)', ([bytes, ruleId]) => {
    expect(decodeText(bytes)).toMatchObject({ problem: { ruleId } })
  })
})
