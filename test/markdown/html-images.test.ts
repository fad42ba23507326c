import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { buildInMemory, makeSite, pngOfSize } from '../helpers/temp-site.ts'
import { renderSnippet, SITE } from '../helpers/markdown.ts'

const images = { [`${SITE}/content/shots/run.png`]: { width: 1200, height: 800 }, [`${SITE}/assets/logo.png`]: { width: 64, height: 64 } }

test('an <img> in raw HTML is resolved beside the post, sized, and given the base path; the rest of the HTML stays as written', () => {
  const markdown = '<p align="center">\n  <img src="shots/run.png" alt="docker run">\n</p>\n\nText <img src="/assets/logo.png" alt="logo"/> inline.\n'
  const { html, data, diagnostics } = renderSnippet(markdown, { images, base: '/docs/' })
  expect(diagnostics).toEqual([])
  expect(html).toContain('<p align="center">\n  <img src="/docs/shots/run.png" alt="docker run" width="1200" height="800">\n</p>')
  expect(html).toContain('Text <img src="/docs/assets/logo.png" alt="logo" width="64" height="64" loading="lazy" decoding="async"/> inline.')
  expect(data.images).toEqual([
    { url: '/shots/run.png', path: `${SITE}/content/shots/run.png`, width: 1200, height: 800 },
    { url: '/assets/logo.png', path: `${SITE}/assets/logo.png`, width: 64, height: 64 },
  ])
})

test('an author\'s own width (or height) is kept, and nothing is added beside it', () => {
  const { html } = renderSnippet('<img src="shots/run.png" width="400" alt="run">\n', { images })
  expect(html).toBe('<img src="/shots/run.png" width="400" alt="run">')
})

test('a missing HTML image is an error at the tag\'s own line and column; one with no alt text is a warning', () => {
  const { diagnostics } = renderSnippet('Intro.\n\n<div>\n  <p>\n    <img src="shots/gone.png">\n  </p>\n</div>\n', { images })
  expect(diagnostics.map((d) => [d.line, d.column, d.severity, d.ruleId])).toEqual([
    [5, 5, 'warning', 'image/missing-alt'],
    [5, 5, 'error', 'image/missing'],
  ])
  expect(diagnostics[1]!.message).toBe('image "shots/gone.png" not found: looked for content/shots/gone.png')
})

test('a <picture> as GitHub shows light and dark images: each srcset url is resolved like src, the <img> stays the first image', () => {
  const dark = { ...images, [`${SITE}/content/shots/run-dark.png`]: { width: 1200, height: 800 }, [`${SITE}/content/shots/run@2x.png`]: { width: 2400, height: 1600 } }
  const markdown = [
    '<picture>',
    '  <source media="(prefers-color-scheme: dark)" srcset="shots/run-dark.png">',
    '  <img src="shots/run.png" srcset="shots/run.png 1x, shots/run@2x.png 2x, https://cdn.example/run.png 3x" alt="docker run" width="600">',
    '</picture>',
    '',
  ].join('\n')
  const { html, data, diagnostics } = renderSnippet(markdown, { images: dark, base: '/docs/' })
  expect(diagnostics).toEqual([])
  const $ = load(html)
  expect($('source').attr('srcset')).toBe('/docs/shots/run-dark.png')
  expect($('source').attr('media')).toBe('(prefers-color-scheme: dark)')
  expect($('img').attr('srcset')).toBe('/docs/shots/run.png 1x, /docs/shots/run@2x.png 2x, https://cdn.example/run.png 3x')
  expect([$('img').attr('src'), $('img').attr('width'), $('img').attr('loading')]).toEqual(['/docs/shots/run.png', '600', undefined])
  expect(data.images?.map((image) => image.url)).toEqual(['/shots/run.png', '/shots/run-dark.png', '/shots/run.png', '/shots/run@2x.png'])
  // Sanitized HTML keeps the media query, and the base path is applied once.
  const sanitized = load(renderSnippet(markdown, { images: dark, base: '/docs/', rawHtml: 'sanitize' }).html)
  expect([sanitized('source').attr('srcset'), sanitized('source').attr('media')]).toEqual(['/docs/shots/run-dark.png', '(prefers-color-scheme: dark)'])
})

test('a missing image in a srcset is an error at its tag', () => {
  const { diagnostics } = renderSnippet('Intro.\n\n<picture>\n  <source srcset="shots/gone-dark.png" media="(prefers-color-scheme: dark)">\n  <img src="shots/run.png" alt="run">\n</picture>\n', { images })
  expect(diagnostics.map((d) => [d.line, d.column, d.severity, d.ruleId])).toEqual([[4, 3, 'error', 'image/missing']])
})

test('external and data: images in HTML are left alone', () => {
  const markdown = '<img src="https://example.com/x.png" alt="x"> <img src="data:image/png;base64,AAAA" alt="y">\n'
  expect(renderSnippet(markdown).html).toBe('<p><img src="https://example.com/x.png" alt="x"> <img src="data:image/png;base64,AAAA" alt="y"></p>')
})

test('with sanitized HTML, the base path is applied once', () => {
  const { html } = renderSnippet('<img src="shots/run.png" alt="run">\n', { images, base: '/docs/', rawHtml: 'sanitize' })
  expect(load(html)('img').attr('src')).toBe('/docs/shots/run.png')
})

test('a site publishes the dark image that only a <source srcset> names, at a url that works from the post\'s page', async () => {
  const root = await makeSite({
    'content/labs/setup.md': '# Setup\n\n<picture>\n  <source media="(prefers-color-scheme: dark)" srcset="img/dark.png">\n  <img src="img/light.png" alt="the lab">\n</picture>\n',
    'content/labs/img/light.png': pngOfSize(30, 10),
    'content/labs/img/dark.png': pngOfSize(30, 10),
  })
  const { result, files, text } = await buildInMemory(root, { cache: false })
  expect(result.diagnostics).toEqual([])
  expect(files.get('labs/img/dark.png')).toBeDefined()
  expect(load(text('labs/setup/index.html'))('.post-body source').attr('srcset')).toBe('/labs/img/dark.png')
})

test('a site publishes the image an <img> tag shows from beside its post, under a name with a space', async () => {
  const root = await makeSite({ 'content/labs/README.md': '# Labs\n\n<p align="center"><img src="img/Docker Run.png" alt="docker run"></p>\n', 'content/labs/img/Docker Run.png': pngOfSize(30, 10) })
  const { result, files, text } = await buildInMemory(root, { cache: false })
  expect(result.diagnostics).toEqual([])
  expect(files.get('labs/img/Docker Run.png')).toBeDefined()
  const img = load(text('labs/index.html'))('.post-body img')
  expect([img.attr('src'), img.attr('width'), img.attr('height')]).toEqual(['/labs/img/Docker%20Run.png', '30', '10'])
})
