import { expect, test } from 'vitest'
import { fillPostLinkSlots } from '../../src/markdown/post-link-slots.ts'
import { buildInMemory, makeSite, post } from '../helpers/temp-site.ts'
import { renderSnippet, SITE } from '../helpers/markdown.ts'

const MARKDOWN = 'See [volumes](docker/volumes.md#named), [the intro][i] and [again][i].\n\n[i]: /intro.md\n'

test.for(['keep', 'sanitize'] as const)('markdown leaves a slot for each link to a source path and lists it, knowing no other post (raw HTML: %s)', (rawHtml) => {
  const { html, data } = renderSnippet(MARKDOWN, { rawHtml })
  const slot = expect.stringMatching(/^berth-post-link-[0-9a-f]{20}-\d$/)
  expect(data.postLinks).toEqual([
    { url: 'docker/volumes.md#named', file: `${SITE}/content/docker/volumes.md`, suffix: '#named', line: 1, column: 5, slot },
    { url: '/intro.md', file: `${SITE}/content/intro.md`, rooted: '/intro.md', suffix: '', line: 1, column: 41, slot },
    { url: '/intro.md', file: `${SITE}/content/intro.md`, rooted: '/intro.md', suffix: '', line: 1, column: 60, slot },
  ])
  const slots = data.postLinks!.map((link) => link.slot)
  expect(new Set(slots).size).toBe(3)
  // Nothing about those posts is in the HTML, only the slots, in order.
  const filled = fillPostLinkSlots(html, slots.map((s, i) => ({ slot: s, href: ['/A/', '/B/', '/C/"&'][i]! })))
  expect(filled).toBe('<p>See <a href="/A/">volumes</a>, <a href="/B/">the intro</a> and <a href="/C/&#x22;&#x26;">again</a>.</p>')
  expect(data.links).toEqual([])
})

test('a slot names a digest of its own post: text that looks like another post\'s slot is left alone', () => {
  const other = renderSnippet('[v](volumes.md)\n').data.postLinks![0]!.slot
  const { html, data } = renderSnippet(`<a href="${other}">raw</a> [w](${other}) [x](volumes.md)\n`)
  // Every link written as another post's slot (raw HTML or markdown) is a link of its own, with a slot of its own.
  const [raw, written, own] = data.postLinks!.map((link) => link.slot)
  expect(new Set([raw, written, own, other]).size).toBe(4)
  expect(html).not.toContain(other)
  expect(fillPostLinkSlots(html, [{ slot: raw!, href: 'r/' }, { slot: written!, href: 'w/' }, { slot: own!, href: '/volumes/' }])).toBe('<p><a href="r/">raw</a> <a href="w/">w</a> <a href="/volumes/">x</a></p>')
})

test('the site stage fills the slots with the linked posts\' pages; a post\'s markdown result is the same whatever the other posts\' urls', async () => {
  const linking = post('guide/start', '# Start\n\nRead [volumes](volumes.md#named-volumes).\n')
  const site = (volumesUrl: string) => makeSite({ 'content/start.md': linking, 'content/volumes.md': post(volumesUrl, '# Volumes\n\n## Named volumes\n') })
  const first = await buildInMemory(await site('docker/volumes'), { cache: false })
  const moved = await buildInMemory(await site('storage/volumes'), { cache: false })
  expect(first.text('guide/start/index.html')).toContain('<a href="/docker/volumes/#named-volumes">volumes</a>')
  expect(moved.text('guide/start/index.html')).toContain('<a href="/storage/volumes/#named-volumes">volumes</a>')
  expect(first.result.ok && moved.result.ok).toBe(true)
})
