import { load } from 'cheerio'
import { describe, expect, test } from 'vitest'
import { resolveImageTarget } from '../../src/markdown/resolve-image.ts'
import { renderSnippet } from '../helpers/markdown.ts'

const LOGO = '/site/assets/images/logo.png'
const images = { [LOGO]: { width: 1200, height: 630 }, '/site/assets/images/b.png': { width: 10, height: 20 }, '/site/content/pics/c.png': { width: 3, height: 4 } }

describe('remark-asset-images', () => {
  test.for([
    ['full reference', '![docker logo][logo]\n\n[logo]: /assets/images/logo.png'],
    ['collapsed reference', '![logo][]\n\n[logo]: /assets/images/logo.png'],
    ['shortcut reference', '![logo]\n\n[logo]: /assets/images/logo.png'],
    ['inline image', '![docker logo](/assets/images/logo.png)'],
    ['definition label in another case', '![docker logo][LOGO]\n\n[logo]: </assets/images/logo.png>'],
  ] as const)('resolves a %s, sized', ([, markdown]) => {
    const { html, diagnostics, data } = renderSnippet(markdown, { images })
    expect(diagnostics).toEqual([])
    const img = load(html)('img')
    expect(img.attr('src')).toBe('/assets/images/logo.png')
    expect(img.attr('width')).toBe('1200')
    expect(img.attr('height')).toBe('630')
    expect(data.images).toEqual([{ url: '/assets/images/logo.png', path: LOGO, width: 1200, height: 630 }])
    expect(html).not.toContain('[logo]')
  })

  test('every image after the first loads lazily', () => {
    const $ = load(renderSnippet('![a][a]\n\n![b](/assets/images/b.png)\n\n[a]: /assets/images/logo.png', { images }).html)
    const [first, second] = $('img').toArray().map((el) => $(el))
    expect(first!.attr('loading')).toBeUndefined()
    expect(first!.attr('decoding')).toBeUndefined()
    expect(second!.attr('loading')).toBe('lazy')
    expect(second!.attr('decoding')).toBe('async')
  })

  test('the base path prefixes the src', () => {
    const { html } = renderSnippet('![a](/assets/images/logo.png)', { images, base: '/docs/' })
    expect(load(html)('img').attr('src')).toBe('/docs/assets/images/logo.png')
  })

  test('a relative image resolves against the post folder and is published beside it', () => {
    const { html, data } = renderSnippet('![c](pics/c.png)', { images })
    expect(load(html)('img').attr('src')).toBe('/pics/c.png')
    expect(data.images?.[0]?.path).toBe('/site/content/pics/c.png')
  })

  test('external images are left as written', () => {
    const { html, diagnostics } = renderSnippet('![x](https://example.com/x.png)')
    expect(diagnostics).toEqual([])
    expect(load(html)('img').attr('src')).toBe('https://example.com/x.png')
    expect(load(html)('img').attr('width')).toBeUndefined()
  })

  test('a missing image is an error at the image, naming the path looked for', () => {
    const { diagnostics } = renderSnippet('Text.\n\n  ![gone][gone]\n\n[gone]: /assets/images/gone.png', { images })
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'content/post.md', line: 3, column: 3, severity: 'error', ruleId: 'image/missing', message: expect.stringContaining('assets/images/gone.png') }),
    ])
    expect(diagnostics[0]!.message).not.toContain('/site/')
  })

  test.for([
    ['![a][nodef]', 'nodef'],
    ['![nodef][]', 'nodef'],
    ['![nodef]', 'nodef'],
  ])('an image reference with no definition is an error: %s', ([markdown, label]) => {
    const { diagnostics } = renderSnippet(`Intro.\n\nSee ${markdown} here.\n`)
    expect(diagnostics).toEqual([expect.objectContaining({ line: 3, column: 5, ruleId: 'image/undefined-reference', message: `image reference "[${label}]" has no definition` })])
  })

  test('an escaped ![ is text, not an undefined image', () => {
    expect(renderSnippet('Say \\![this] out loud.').diagnostics).toEqual([])
  })

  test('images that leave the site are refused', () => {
    const { diagnostics } = renderSnippet('![a](/assets/../../etc/passwd)\n\n![b](../../../etc/hosts)\n\n![c](%2e%2e/%2e%2e/%2e%2e/x.png)\n')
    expect(diagnostics.map((d) => [d.line, d.ruleId])).toEqual([
      [1, 'image/outside-site'],
      [3, 'image/outside-site'],
      [5, 'image/outside-site'],
    ])
  })
})

describe('resolveImageTarget', () => {
  const dirs = { assetsDir: '/site/assets', contentDir: '/site/content' }
  test.for([
    ['/assets/a/b.png', { kind: 'local', path: '/site/assets/a/b.png', url: '/assets/a/b.png' }],
    ['/assets/a%20b.png', { kind: 'local', path: '/site/assets/a b.png', url: '/assets/a b.png' }],
    ['img/x.png', { kind: 'local', path: '/site/content/docs/img/x.png', url: '/docs/img/x.png' }],
    ['../../assets/x.png', { kind: 'local', path: '/site/assets/x.png', url: '/assets/x.png' }],
    ['//cdn.example/x.png', { kind: 'external' }],
    ['javascript:alert(1)', { kind: 'invalid' }],
    ['/assets/..%2f..%2fsecret', { kind: 'invalid' }],
    ['C:\\Windows\\x.png', { kind: 'invalid' }],
  ] as const)('%s', ([src, expected]) => {
    expect(resolveImageTarget(src, '/site/content/docs/post.md', dirs)).toMatchObject(expected)
  })
})
