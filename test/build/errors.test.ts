import { symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { buildInMemory, makeSite, makeTempDir, pngOfSize, post } from '../helpers/temp-site.ts'

const LOGO = { 'assets/images/logo.png': pngOfSize(40, 30) }

/** Build a broken site and return its error diagnostics. */
async function errorsOf(files: Record<string, string | Uint8Array>) {
  const { result, files: written } = await buildInMemory(await makeSite(files))
  expect(result.ok).toBe(false)
  expect(written.size).toBe(0)
  return result.diagnostics.filter((d) => d.severity === 'error')
}

test.for([
  ['malformed YAML', '---\nurl: a\ntitle: "unclosed\n---\n\nText\n', 'front-matter/invalid-yaml', 3, /./],
  ['a wrong field type', '---\nurl: a\ntags: 5\n---\n\nText\n', 'front-matter/invalid-field', 3, /"tags".*expected array, got the number 5/],
  ['front matter that is not a mapping', '---\njust text\n---\n\nText\n', 'front-matter/not-a-mapping', 2, /mapping/],
  ['code front matter', '---js\n{ url: "a" }\n---\n\nText\n', 'front-matter/unsupported-language', 1, /"js" is not supported/],
  ['a url that leaves the output folder', '---\nurl: ../../outside\n---\n\nText\n', 'page/invalid-url', 2, /outside the output folder/],
  ['an encoded url that leaves the output folder', '---\nurl: "%2e%2e/%2e%2e/x"\n---\n\nText\n', 'page/invalid-url', 2, /outside the output folder/],
  ['an undefined image reference', '---\nurl: a\n---\n\nText.\n\n![logo][nope]\n', 'image/undefined-reference', 7, /"\[nope\]" has no definition/],
  ['a missing image', '---\nurl: a\n---\n\n![x][x]\n\n[x]: /assets/images/missing.png\n', 'image/missing', 5, /looked for assets\/images\/missing\.png/],
] as const)('%s fails the build at file:line', async ([, markdown, ruleId, line, message]) => {
  const errors = await errorsOf({ 'content/broken.md': markdown, 'content/fine.md': post('fine', 'Fine.'), ...LOGO })
  expect(errors).toEqual([expect.objectContaining({ file: 'content/broken.md', line, ruleId })])
  expect(errors[0]!.message).toMatch(message)
  expect(errors[0]!.column).toBeGreaterThanOrEqual(1)
})

test('an unknown layout is an error at the layout line that lists the layouts there are', async () => {
  const errors = await errorsOf({ 'content/a.md': '---\nurl: a\nlayout: postt\n---\n\nText\n' })
  expect(errors).toEqual([expect.objectContaining({ file: 'content/a.md', line: 3, column: 1, ruleId: 'template/unknown-layout' })])
  expect(errors[0]!.message).toBe('layout "postt" does not exist; available layouts: 404, collection, home, post, search, tag, tags')
})

test('two posts with one url are errors naming both files', async () => {
  const errors = await errorsOf({ 'content/a.md': post('same/url', 'A'), 'content/b.md': post('/same/url/', 'B') })
  expect(errors.map((e) => [e.file, e.line, e.ruleId, e.message])).toEqual([
    ['content/a.md', 2, 'page/duplicate-url', 'url "/same/url/" is also used by content/b.md'],
    ['content/b.md', 2, 'page/duplicate-url', 'url "/same/url/" is also used by content/a.md'],
  ])
})

test('a site map post without a content file is an error naming the entry', async () => {
  const siteMap = JSON.stringify([{ title: 'Docker', type: 'topic', url: 'docker', children: [{ title: 'Volumes', type: 'post', url: 'docker/volumes' }] }], null, 2)
  const errors = await errorsOf({ 'content/posts.json': siteMap, 'content/a.md': post('docker/intro', 'A') })
  expect(errors).toEqual([expect.objectContaining({ file: 'content/posts.json', line: 7, ruleId: 'site-map/missing-content' })])
  expect(errors[0]!.message).toContain('"Volumes" (/docker/volumes/)')
})

test('an invalid site map entry is an error at its key', async () => {
  const errors = await errorsOf({ 'content/posts.json': '[\n  {"title": "Docker", "url": "docker", "created": "yesterday"}\n]\n', 'content/a.md': post('a', 'A') })
  expect(errors).toEqual([expect.objectContaining({ file: 'content/posts.json', line: 2, ruleId: 'site-map/invalid-entry', message: expect.stringContaining('"0.created"') })])
})

test.for([
  ['not valid UTF-8', new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xc3, 0x28, 0x0a]), 'content/not-utf8'],
  ['binary', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'content/binary'],
  ['empty', new Uint8Array(), 'content/empty'],
] as const)('a .md file that is %s is an error at the file', async ([, bytes, ruleId]) => {
  const errors = await errorsOf({ 'content/bad.md': bytes, 'content/a.md': post('a', 'A') })
  expect(errors).toEqual([expect.objectContaining({ file: 'content/bad.md', ruleId })])
})

test('every error from every file is reported, not only the first', async () => {
  const errors = await errorsOf({
    'content/a.md': post('a', '![x][x]\n\n![y][y]\n\n[x]: /assets/x.png\n[y]: /assets/y.png'),
    'content/b.md': '---\nurl: b\ndraft: maybe\n---\n',
  })
  expect(errors.map((e) => `${e.file}:${e.line}:${e.ruleId}`)).toEqual(['content/a.md:6:image/missing', 'content/a.md:8:image/missing', 'content/b.md:3:front-matter/invalid-field'])
})

test('a symlinked image that points outside the site is refused', async () => {
  const outside = await makeTempDir()
  await writeFile(path.join(outside, 'secret.png'), pngOfSize(1, 1))
  const root = await makeSite({ 'content/a.md': post('a', '![s](/assets/secret.png)'), 'assets/keep.txt': 'x' })
  await symlink(path.join(outside, 'secret.png'), path.join(root, 'assets/secret.png'))
  const { result } = await buildInMemory(root)
  expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId).sort()).toEqual(['asset/outside-site', 'image/outside-site'])
})

test('an output folder that would replace the site is refused', async () => {
  const root = await makeSite({ 'content/a.md': post('a', 'A') })
  for (const out of [root, path.join(root, 'content'), path.dirname(root)]) {
    const { result } = await buildInMemory(root, { out })
    expect(result.diagnostics).toEqual([expect.objectContaining({ ruleId: 'config/unsafe-output' })])
  }
})
