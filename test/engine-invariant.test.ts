import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { build } from '../src/build.ts'
import { contentsOf } from '../src/output-contents.ts'
import { createDevBuild, type DevBuild } from '../src/dev/dev-build.ts'
import { classifyPath, type Change } from '../src/dev/plan.ts'
import { buildInMemory, makeSite, pngOfSize, post, TEST_SITE_URL } from './helpers/temp-site.ts'
import { readTree } from './helpers/tree.ts'

/**
 * Everything a fresh build makes, apart from the search index (the dev server indexes once, at start),
 * and nothing that an earlier fresh build made and this one does not (`seen` collects those paths).
 */
async function expectServesFreshBuild(dev: DevBuild, root: string, step: string, seen: Set<string>): Promise<Map<string, Uint8Array | string>> {
  const fresh = await buildInMemory(root, { drafts: true, cache: false })
  expect(fresh.result.ok, step).toBe(true)
  for (const file of seen) if (!fresh.files.has(file)) expect(dev.lookup(file), `${step}: ${file} is gone`).toBeUndefined()
  for (const [file, bytes] of fresh.files) {
    if (file.startsWith('pagefind/')) continue
    seen.add(file)
    const served = dev.lookup(file)
    expect(served, `${step}: ${file}`).toBeDefined()
    const servedBytes = served!.from !== undefined ? await readFile(served!.from) : Buffer.from(contentsOf(served!))
    expect(servedBytes.equals(Buffer.from(bytes)), `${step}: ${file}`).toBe(true)
  }
  return fresh.files
}

/** The output folder of a build that started from the last one's cache holds, byte for byte, what a build from nothing makes. */
async function expectFolderIsFreshBuild(root: string, out: string, fresh: ReadonlyMap<string, Uint8Array | string>, step: string): Promise<void> {
  const result = await build({ root, out, drafts: true, siteUrl: TEST_SITE_URL })
  expect(result.ok, `${step}: ${JSON.stringify(result.diagnostics)}`).toBe(true)
  const written = await readTree(out)
  expect([...written.keys()], step).toEqual([...fresh.keys()])
  for (const [file, bytes] of fresh) expect(written.get(file)!.equals(Buffer.from(bytes)), `${step}: ${file}`).toBe(true)
}

test('the one engine: after every kind of edit, the dev build\'s memory and a cached build\'s folder hold exactly what a build from nothing makes', { timeout: 120_000 }, async () => {
  const root = await makeSite({
    'content/docker/intro.md': post('docker/intro', '# Intro\n\n<toc>\n\n## First\n\nSee [volumes](volumes.md).\n\n![logo][logo]\n\n[logo]: /assets/logo.png', 'date: 2024-01-01\ntags: [docker, basics]\n'),
    'content/docker/volumes.md': post('docker/volumes', '# Volumes\n\nVolume text.', 'date: 2024-02-01\ntags: [docker]\n'),
    'content/docker/networks.md': post('docker/networks', '# Networks\n\nSee [the intro](intro.md#first).', 'date: 2024-03-01\ntags: [networking]\n'),
    'content/k8s/pods.md': post('k8s/pods', '# Pods\n\nPod text.', 'date: 2024-01-15\ntags: [basics]\n'),
    'assets/logo.png': pngOfSize(10, 10),
    // A site's own list of posts may show anything a post's summary holds, reading time included.
    'templates/partials/post-list.html': '<ol>{% for post in posts %}<li><a href="{{ post.url }}">{{ post.title }}</a> {{ post.readingMinutes }} min</li>{% endfor %}</ol>',
  })
  const dev = createDevBuild(root, { siteUrl: TEST_SITE_URL })
  expect((await dev.rebuild()).ok).toBe(true)
  const seen = new Set<string>()
  const out = path.join(root, 'dist')
  await expectFolderIsFreshBuild(root, out, await expectServesFreshBuild(dev, root, 'first build', seen), 'first build')

  const file = (name: string) => path.join(root, name)
  const change = (name: string, event: Change['event'] = 'change'): Change => ({ kind: classifyPath(file(name), dev.config()!)!, event, path: file(name) })
  const edits: [step: string, apply: () => Promise<Change[]>][] = [
    ['a body edit', async () => (await writeFile(file('content/docker/volumes.md'), post('docker/volumes', '# Volumes\n\nVolume text, longer now.', 'date: 2024-02-01\ntags: [docker]\n')), [change('content/docker/volumes.md')])],
    ['a body edit that changes the reading time shown in lists', async () => (await writeFile(file('content/docker/volumes.md'), post('docker/volumes', `# Volumes\n\nVolume text, longer now.\n\n${'More words about volumes and backups. '.repeat(100)}`, 'date: 2024-02-01\ntags: [docker]\n')), [change('content/docker/volumes.md')])],
    ['a new heading that a link elsewhere needs', async () => {
      await writeFile(file('content/docker/volumes.md'), post('docker/volumes', '# Volumes\n\nVolume text.\n\n## Backups\n\nCopy them.', 'date: 2024-02-01\ntags: [docker]\n'))
      await writeFile(file('content/k8s/pods.md'), post('k8s/pods', '# Pods\n\nPod text; back up [volumes](../docker/volumes.md#backups).', 'date: 2024-01-15\ntags: [basics]\n'))
      return [change('content/docker/volumes.md'), change('content/k8s/pods.md')]
    }],
    ['a new title, date and tags, shown on other pages', async () => (await writeFile(file('content/docker/intro.md'), post('docker/intro', '# Docker from zero\n\n<toc>\n\n## First\n\nSee [volumes](volumes.md).\n\n![logo][logo]\n\n[logo]: /assets/logo.png', 'date: 2024-04-01\ntags: [docker, beginners]\ndescription: Start here.\n')), [change('content/docker/intro.md')])],
    ['a new post, the newest', async () => (await writeFile(file('content/docker/compose.md'), post('docker/compose', '# Compose\n\nMany containers.', 'date: 2024-05-01\ntags: [docker]\n')), [change('content/docker/compose.md', 'add')])],
    ['a resized image', async () => (await writeFile(file('assets/logo.png'), pngOfSize(20, 8)), [change('assets/logo.png')])],
    ['a new order within a series (neighbours\' previous and next links)', async () => (await writeFile(file('content/docker/networks.md'), post('docker/networks', '# Networks\n\nSee [the intro](intro.md#first).', 'date: 2024-03-01\ntags: [networking]\norder: 1\n')), [change('content/docker/networks.md')])],
    ['a post turned into a draft and back', async () => (await writeFile(file('content/docker/compose.md'), post('docker/compose', '# Compose\n\nMany containers.', 'date: 2024-05-01\ntags: [docker]\ndraft: true\n')), [change('content/docker/compose.md')])],
    ['a post that moves to another url', async () => (await writeFile(file('content/docker/compose.md'), post('docker/compose-v2', '# Compose\n\nMany containers.', 'date: 2024-05-01\ntags: [docker]\n')), [change('content/docker/compose.md')])],
    ['a site map with titles, dates and a pinned post', async () => {
      const map = [{ title: 'Docker', type: 'topic', url: 'docker', children: [{ title: 'Volumes, in depth', type: 'post', url: 'docker/volumes', created: '2024-02-02', pinned: true }] }]
      await writeFile(file('content/posts.json'), JSON.stringify(map))
      return [change('content/posts.json', 'add')]
    }],
    ['an image beside a post', async () => {
      await writeFile(file('content/docker/diagram.png'), pngOfSize(30, 20))
      await writeFile(file('content/docker/networks.md'), post('docker/networks', '# Networks\n\nSee [the intro](intro.md#first).\n\n![diagram](diagram.png)', 'date: 2024-03-01\ntags: [networking]\norder: 1\n'))
      return [change('content/docker/diagram.png', 'add'), change('content/docker/networks.md')]
    }],
    ['a site layout of its own', async () => (await mkdir(file('templates/layouts')), await writeFile(file('templates/layouts/tag.html'), '{% layout "_base" %}{% block main %}<h1>Tagged {{ page.title }}</h1>{% render "post-list", posts: page.tag.posts %}{% endblock %}'), [change('templates/layouts/tag.html', 'add')])],
    ['a partial that every list uses', async () => (await writeFile(file('templates/partials/post-list.html'), '<ul>{% for post in posts %}<li>{{ post.title }} ({{ post.dateDisplay }})</li>{% endfor %}</ul>'), [change('templates/partials/post-list.html')])],
    ['a stylesheet of the site\'s own', async () => (await mkdir(file('templates/assets')), await writeFile(file('templates/assets/berth.css'), 'body { color: teal }'), [change('templates/assets/berth.css', 'add')])],
    ['the site map removed', async () => (await unlink(file('content/posts.json')), [change('content/posts.json', 'unlink')])],
    ['a new site title', async () => (await writeFile(file('berth.config.json'), JSON.stringify({ title: 'Renamed' })), [change('berth.config.json', 'add')])],
    ['a deleted post that nothing links to', async () => (await unlink(file('content/k8s/pods.md')), [change('content/k8s/pods.md', 'unlink')])],
  ]
  for (const [step, apply] of edits) {
    const result = await dev.rebuild(await apply())
    expect(result.ok, `${step}: ${JSON.stringify(result.diagnostics)}`).toBe(true)
    await expectFolderIsFreshBuild(root, out, await expectServesFreshBuild(dev, root, step, seen), step)
  }
  // Pages that went (a moved post, a deleted one) were among those checked to be gone.
  expect([...seen]).toEqual(expect.arrayContaining(['docker/compose/index.html', 'k8s/pods/index.html']))
})

test('the one engine reports what a build from nothing reports after each edit, for links to files, unused assets and layout links', { timeout: 60_000 }, async () => {
  const root = await makeSite({
    'content/docker/intro.md': post('docker/intro', '# Intro\n\nThe [compose file](files/compose.yaml) and the [volumes](volumes.md).', 'date: 2024-01-01\n'),
    'content/docker/files/compose.yaml': 'services: {}\n',
    'content/docker/volumes.md': post('docker/volumes', '# Volumes\n\nVolume text.', 'date: 2024-02-01\n'),
    'content/docker/compose.md': post('docker/compose', '# Compose\n\nMany containers.', 'date: 2024-03-01\n'),
    'assets/spare.png': pngOfSize(10, 10),
    'assets/print.css': 'body { color: black }\n',
    // Every page links to a post and a stylesheet.
    'templates/partials/body-end.html': `<a href="{{ '/docker/compose/' | url }}">Compose</a><link rel="stylesheet" href="{{ '/assets/print.css' | url }}">`,
  })
  const dev = createDevBuild(root, { siteUrl: TEST_SITE_URL })
  const file = (name: string) => path.join(root, name)
  const change = (name: string, event: Change['event'] = 'change'): Change => ({ kind: classifyPath(file(name), dev.config()!)!, event, path: file(name) })
  type Reported = { file: string; line?: number; ruleId: string; message: string }
  const shown = (diagnostics: readonly Reported[]) => diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId} ${d.message}`).sort().join('\n')
  const expectReportsFreshBuild = async (reported: readonly Reported[], step: string) => {
    const fresh = await buildInMemory(root, { drafts: true, cache: false })
    expect(shown(reported), step).toBe(shown(fresh.result.diagnostics))
    return shown(reported)
  }
  expect(await expectReportsFreshBuild((await dev.rebuild()).diagnostics, 'first build')).toContain('asset/unused')

  // What each run keeps from the last good one (where links landed, what each page's layout links
  // were, which assets pages use) must give way when a file comes or goes, though no page changed.
  const edits: [step: string, apply: () => Promise<Change[]>, expected: (report: string) => void][] = [
    ['a body edit elsewhere', async () => (await writeFile(file('content/docker/volumes.md'), post('docker/volumes', '# Volumes\n\nMore volume text.', 'date: 2024-02-01\n')), [change('content/docker/volumes.md')]), (r) => expect(r).toContain('asset/unused')],
    ['a post starts using the spare asset', async () => (await writeFile(file('content/docker/volumes.md'), post('docker/volumes', '# Volumes\n\n![spare](/assets/spare.png)', 'date: 2024-02-01\n')), [change('content/docker/volumes.md')]), (r) => expect(r).toBe('')],
    ['the file a post links to goes', async () => (await unlink(file('content/docker/files/compose.yaml')), [change('content/docker/files/compose.yaml', 'unlink')]), (r) => expect(r).toMatch(/link\/broken .*files\/compose\.yaml/)],
    ['the file comes back', async () => (await writeFile(file('content/docker/files/compose.yaml'), 'services: {}\n'), [change('content/docker/files/compose.yaml', 'add')]), (r) => expect(r).toBe('')],
    ['the stylesheet every layout links to goes', async () => (await unlink(file('assets/print.css')), [change('assets/print.css', 'unlink')]), (r) => expect(r).toMatch(/link\/broken-in-template .*\/assets\/print\.css/)],
  ]
  for (const [step, apply, expected] of edits) expected(await expectReportsFreshBuild((await dev.rebuild(await apply())).diagnostics, step))
})
