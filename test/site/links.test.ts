import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { buildInMemory, makeSite, pngOfSize, post } from '../helpers/temp-site.ts'

const SITE = {
  'content/docker/intro.md': post('ml-skills/docker/introduction', '# Intro\n\n## Why docker?\n\n## How?\n\nText.'),
  'content/docker/volumes.md': post('ml-skills/docker/volumes', '# Volumes\n\n## Named volumes\n\nText.'),
  'assets/diagram.png': pngOfSize(4, 4),
}

async function linkErrors(body: string, extra: Record<string, string> = {}) {
  const { result, text } = await buildInMemory(await makeSite({ ...SITE, 'content/docker/links.md': post('ml-skills/docker/links', body), ...extra }))
  return { errors: result.diagnostics.filter((d) => d.severity === 'error'), result, text }
}

test('every kind of good internal link passes', async () => {
  const { errors, result } = await linkErrors(
    [
      '[a](/ml-skills/docker/volumes/) [b](../volumes/) [c](volumes.md) [d](#here) [e](/ml-skills/docker/introduction/#how)',
      '[f](../introduction/#why-docker) [g](/assets/diagram.png) [h](/) [i](/ml-skills/docker/volumes) [j](https://docs.docker.com/x#y)',
      '[k](./intro.md#how) [l][ref] [m](mailto:a@example.com)',
      '',
      '## Here',
      '',
      '[ref]: volumes.md#named-volumes',
    ].join('\n'),
  )
  expect(errors).toEqual([])
  expect(result.ok).toBe(true)
})

test('links to .md sources become links to the posts, under the base path too', async () => {
  const { text } = await buildInMemory(await makeSite({ ...SITE, 'content/docker/links.md': post('ml-skills/docker/links', '[c](volumes.md) [k](./intro.md#how) [l][ref]\n\n[ref]: volumes.md#named-volumes') }), { base: '/repo/' })
  const $ = load(text('ml-skills/docker/links/index.html'))
  expect($('.post-body a').map((_, a) => $(a).attr('href')).get()).toEqual(['/repo/ml-skills/docker/volumes/', '/repo/ml-skills/docker/introduction/#how', '/repo/ml-skills/docker/volumes/#named-volumes'])
})

test.for([
  ['[x](/ml-skills/docker/volumez/)', 'link/broken', 'no page or file at /ml-skills/docker/volumez/; did you mean /ml-skills/docker/volumes/?'],
  ['[x](../networks/)', 'link/broken', 'no page or file at /ml-skills/docker/networks/'],
  ['[x](networks.md)', 'link/broken', 'there is no post at content/docker/networks.md'],
  ['[x](#why-dockr)', 'link/broken-anchor', 'this page has no heading or element with id "why-dockr"'],
  ['[x](/ml-skills/docker/introduction/#why-dockr)', 'link/broken-anchor', '/ml-skills/docker/introduction/ has no heading or element with id "why-dockr"; did you mean #why-docker?'],
  ['[x](/assets/missing.png)', 'link/broken', 'no page or file at /assets/missing.png'],
] as const)('%s is an error at its line and column', async ([markdown, ruleId, message]) => {
  const { errors } = await linkErrors(`Some text.\n\nSee ${markdown} now.\n\n## Why docker?\n`)
  expect(errors).toEqual([expect.objectContaining({ file: 'content/docker/links.md', line: 8, column: 5, ruleId })])
  expect(errors[0]!.message).toContain(message)
})

test('a link in a reference definition is checked at the reference', async () => {
  const { errors } = await linkErrors('See [the volumes][v].\n\n[v]: /nowhere/')
  expect(errors).toEqual([expect.objectContaining({ line: 6, column: 5, ruleId: 'link/broken' })])
})

test('a renamed heading leaves a dead anchor elsewhere', async () => {
  const { errors } = await linkErrors('[x](../volumes/#named-volume)')
  expect(errors[0]).toMatchObject({ ruleId: 'link/broken-anchor', message: expect.stringContaining('did you mean #named-volumes?') })
})

test('ids from raw HTML and footnotes count as anchors', async () => {
  const { errors } = await linkErrors('<div id="custom-spot"></div>\n\n[a](#custom-spot) [b](#user-content-fn-1)\n\nClaim.[^1]\n\n[^1]: Note.')
  expect(errors).toEqual([])
})

test('links in templates are checked against the rendered pages', async () => {
  const { errors } = await linkErrors('Text.', { 'templates/partials/footer.html': '<footer><a href="{{ \'/about/\' | url }}">About</a> <a href="/nowhere/">Up</a></footer>' })
  // Each broken link once per layout that renders it (these posts have no tags, so no tag pages).
  const layouts = ['404', 'collection', 'home', 'post', 'search']
  expect(errors.map((e) => [e.file, e.ruleId, e.message])).toEqual(
    layouts.flatMap((layout) => [
      [`berth:templates/layouts/${layout}.html`, 'link/broken-in-template', expect.stringContaining(`link "/about/" in the "${layout}" layout`)],
      [`berth:templates/layouts/${layout}.html`, 'link/broken-in-template', expect.stringContaining('link "/nowhere/"')],
    ]),
  )

})

test('links into the search index are checked against the files Pagefind made, in posts and in layouts', async () => {
  // The checks run while Pagefind indexes, taking its folder's files to exist until they are made.
  const good = await linkErrors('[ui](/pagefind/pagefind-ui.js)', { 'templates/partials/footer.html': '<footer><script src="{{ \'/pagefind/pagefind.js\' | url }}"></script></footer>' })
  expect(good.errors).toEqual([])
  const bad = await linkErrors('[ui](/pagefind/no-such-file.js)', { 'templates/partials/footer.html': '<footer><script src="{{ \'/pagefind/missing.js\' | url }}"></script></footer>' })
  expect(bad.errors.map((e) => [e.ruleId, e.message])).toContainEqual(['link/broken', expect.stringContaining('no page or file at /pagefind/no-such-file.js')])
  expect(bad.errors.map((e) => [e.ruleId, e.message])).toContainEqual(['link/broken-in-template', expect.stringContaining('link "/pagefind/missing.js" in the "post" layout')])
})

test('under a base path, a template link without the base is an error', async () => {
  const root = await makeSite({ ...SITE, 'templates/partials/footer.html': '<footer><a href="/">Home</a></footer>' })
  const { result } = await buildInMemory(root, { base: '/repo/' })
  expect(result.diagnostics.filter((d) => d.severity === 'error')[0]).toMatchObject({ ruleId: 'link/broken-in-template', message: expect.stringContaining('does not start with the base path /repo/') })
})
