import { load } from 'cheerio'
import { describe, expect, test } from 'vitest'
import { buildInMemory, makeSite, pngOfSize } from '../helpers/temp-site.ts'

// A tutorials repository as it is laid out for GitHub: a README per folder, numbered files, no front
// matter and no site map, relative links between files and folders, a file with a space beside the posts.
const REPOSITORY = {
  'content/README.md': [
    '# Docker labs',
    '',
    'Start with [the basics](01-basics/README.md), then [networking](02-networking/).',
    'Jump to [installing](./01-basics/01_setup.md#install-docker) or grab [the compose file](01-basics/files/compose%20file.yaml).',
    '',
  ].join('\n'),
  'content/01-basics/README.md': '# The basics\n\nWhat every lab needs. [Set up](01_setup.md), then [run](02_run.md#run-a-container-1). [Home](../README.md).\n',
  'content/01-basics/01_setup.md': '# Set up Docker\n\n## Install Docker\n\nNext: [run it](02_run.md).\n\n![The whale](images/My%20Whale.png)\n',
  'content/01-basics/02_run.md': '# Run a container\n\n## Run a container\n\nBack to [installing](/content/01-basics/01_setup.md#install-docker), or [this step](#run-a-container-1).\n',
  'content/01-basics/files/compose file.yaml': 'services: {}\n',
  'content/01-basics/images/My Whale.png': pngOfSize(40, 20),
  'content/02-networking/readme.md': '# Networking\n\nAfter [the basics](../01-basics).\n',
  'content/02-networking/10_overlay.md': '# Overlay networks\n',
  'content/02-networking/9_bridge.md': '# Bridge networks\n',
  // A repository's machinery, which GitHub does not show as part of the tutorials.
  'content/.github/PULL_REQUEST_TEMPLATE.md': '# Checklist\n\n- [ ] [broken](nowhere.md)\n',
}

const hrefs = (html: string, scope = '.post-body') => {
  const $ = load(html)
  // Not the `#` link each heading carries.
  return $(`${scope} a:not(.heading-anchor)`).map((_, a) => $(a).attr('href')).get()
}

describe('a repository laid out for GitHub', () => {
  test('builds without a diagnostic: READMEs stand for their folders, and every link lands where GitHub sends it', async () => {
    const { result, text, files } = await buildInMemory(await makeSite(REPOSITORY), { cache: false, base: '/labs/' })
    expect(result.diagnostics).toEqual([])
    expect(result.ok).toBe(true)
    expect(hrefs(text('index.html'))).toEqual(['/labs/01-basics/', '/labs/02-networking/', '/labs/01-basics/01_setup/#install-docker', '/labs/01-basics/files/compose%20file.yaml'])
    expect(hrefs(text('01-basics/index.html'))).toEqual(['/labs/01-basics/01_setup/', '/labs/01-basics/02_run/#run-a-container-1', '/labs/'])
    expect(hrefs(text('01-basics/02_run/index.html'))).toEqual(['/labs/01-basics/01_setup/#install-docker', '#run-a-container-1'])
    expect(hrefs(text('02-networking/index.html'))).toEqual(['/labs/01-basics/'])
    // The file a post links to is published where it lies; the image beside the post too.
    expect(files.get('01-basics/files/compose file.yaml')).toBeDefined()
    expect(files.get('01-basics/images/My Whale.png')).toBeDefined()
    expect([...files.keys()].filter((file) => file.includes('.github'))).toEqual([])
    expect(load(text('01-basics/01_setup/index.html'))('.post-body img').attr('src')).toBe('/labs/01-basics/images/My%20Whale.png')
  })

  test('a folder README is the folder\'s page: its heading names the folder, and its posts follow in numbered order', async () => {
    const { text, files } = await buildInMemory(await makeSite(REPOSITORY), { cache: false })
    expect([...files.keys()].filter((f) => f.endsWith('README/index.html') || f.endsWith('readme/index.html'))).toEqual([])
    const $ = load(text('02-networking/index.html'))
    expect($('h1').text()).toBe('Networking')
    expect($('.post-body').text()).toContain('After the basics.')
    // 9 before 10: numbers, not text.
    expect($('.post-list a').map((_, a) => $(a).text()).get()).toEqual(['Bridge networks', 'Overlay networks'])
    const basics = load(text('01-basics/index.html'))
    expect(basics('.post-list a').map((_, a) => basics(a).text()).get()).toEqual(['Set up Docker', 'Run a container'])
    // The home page (the root README) leads to each folder under its README's title.
    const run = load(text('01-basics/02_run/index.html'))
    expect(run('.breadcrumbs a').map((_, a) => run(a).text()).get()).toContain('The basics')
    expect(run('h1').attr('id')).toBe('run-a-container')
    expect(run('.post-body h2').attr('id')).toBe('run-a-container-1')
  })

  test('README.md and index.md in one folder is an error naming both', async () => {
    const { result } = await buildInMemory(await makeSite({ 'content/labs/README.md': '# A\n', 'content/labs/index.md': '# B\n' }), { cache: false })
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map((d) => [d.file, d.ruleId, d.message])).toEqual([
      ['content/labs/README.md', 'page/duplicate-index', 'folder /labs/ has two index pages: content/labs/README.md and content/labs/index.md'],
      ['content/labs/index.md', 'page/duplicate-index', 'folder /labs/ has two index pages: content/labs/index.md and content/labs/README.md'],
    ])
  })

  test('a link GitHub cannot resolve is an error at its place, with the file it may have meant', async () => {
    const { result } = await buildInMemory(await makeSite({ ...REPOSITORY, 'content/01-basics/02_run.md': '# Run a container\n\n## Run a container\n\nSee [setup](01_stup.md) and [gone](../03-volumes/).\n' }), { cache: false })
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map((d) => [d.file, d.line, d.column, d.ruleId, d.message])).toEqual([
      ['content/01-basics/02_run.md', 5, 5, 'link/broken', 'link to "01_stup.md": there is no post at content/01-basics/01_stup.md; did you mean content/01-basics/01_setup.md?'],
      ['content/01-basics/02_run.md', 5, 29, 'link/broken', 'link to "../03-volumes/": no page or file at /01-basics/03-volumes/'],
    ])
  })
})

test('a link to what GitHub shows and the site cannot (a folder of files only, a file outside content/) is a warning that says so', async () => {
  const root = await makeSite({
    'LICENSE': 'MIT\n',
    'content/README.md': '# Labs\n\nThe [app](app/) and its [licence](../LICENSE).\n',
    'content/app/Dockerfile': 'FROM alpine\n',
  })
  const { result } = await buildInMemory(root, { cache: false })
  expect(result.ok).toBe(true)
  expect(result.diagnostics.map((d) => [d.line, d.column, d.severity, d.ruleId, d.message])).toEqual([
    [3, 5, 'warning', 'link/unpublished', 'link to "app/": folder content/app/ has no README.md or posts, so the site has no page for it (GitHub lists its files)'],
    [3, 25, 'warning', 'link/unpublished', 'link to "../LICENSE": LICENSE lies outside content/, so the site does not publish it (GitHub shows it)'],
  ])
})

test('links in raw HTML (<a href> around a button image, in a table of contents) resolve and are checked like markdown links', async () => {
  const root = await makeSite({
    'content/README.md': '# Labs\n\n<p align="center">\n  <a href="labs/setup.md#install"><img src="https://example.com/start.svg" alt="Start"></a>\n  <a href="#nowhere">x</a>\n</p>\n',
    'content/labs/setup.md': '# Setup\n\n## Install\n',
  })
  const { result } = await buildInMemory(root, { cache: false, base: '/docs/' })
  expect(result.diagnostics.map((d) => [d.line, d.column, d.ruleId, d.message])).toEqual([
    [5, 3, 'link/broken-anchor', 'link to "#nowhere": this page has no heading or element with id "nowhere"'],
  ])
  const fixed = await buildInMemory(await makeSite({ 'content/README.md': '# Labs\n\n<a href="labs/setup.md#install">Start</a> and <a href=\'labs/\'>all labs</a>\n', 'content/labs/setup.md': '# Setup\n\n## Install\n' }), { cache: false, base: '/docs/' })
  expect(fixed.result.diagnostics).toEqual([])
  expect(hrefs(fixed.text('index.html'))).toEqual(['/docs/labs/setup/#install', '/docs/labs/'])
})

describe('anchors as GitHub finds them', () => {
  test('anchors into other files, <a name> and id anchors in raw HTML resolve; a fragment in the wrong case is a warning naming the id', async () => {
    const root = await makeSite({
      'content/README.md': '# Labs\n\n[Install](setup.md#install-docker), [step two](setup.md#step-2), [box](setup.md#box), [Install again](setup.md#Install-Docker).\n',
      'content/setup.md': '# Setup\n\n## Install Docker\n\n<a name="step-2"></a>\nStep two.\n\n<div id="box">Box</div>\n',
    })
    const { result } = await buildInMemory(root, { cache: false })
    expect(result.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.ruleId, d.message, d.hint])).toEqual([
      ['content/README.md', 3, 87, 'warning', 'link/anchor-case', 'link to "setup.md#Install-Docker": /setup/ has the id "install-docker", in lower case; browsers match ids exactly', 'write the fragment as #install-docker'],
    ])
  })
})

describe('no site map, no front matter', () => {
  test('a page with no heading is named after its file, less its number; a folder with no README is named after itself and still gets its page', async () => {
    const root = await makeSite({ 'content/03_multi-stage_builds/01_why_it_matters.md': 'Smaller images.\n', 'content/03_multi-stage_builds/02_cache.md': 'Layers.\n' })
    const { result, text } = await buildInMemory(root, { cache: false })
    expect(result.diagnostics).toEqual([])
    expect(load(text('03_multi-stage_builds/01_why_it_matters/index.html'))('h1').text()).toBe('Why It Matters')
    const folder = load(text('03_multi-stage_builds/index.html'))
    expect(folder('h1').text()).toBe('Multi Stage Builds')
    expect(folder('.post-list a').map((_, a) => folder(a).text()).get()).toEqual(['Why It Matters', 'Cache'])
  })
})

test('the root README titles a site whose config names no title; a config title wins', async () => {
  const files = { 'content/README.md': '# Docker Labs\n\nHands-on labs.\n', 'content/labs/a.md': '# A\n' }
  const untitled = await buildInMemory(await makeSite(files), { cache: false })
  expect(load(untitled.text('labs/a/index.html'))('title').text()).toContain('Docker Labs')
  expect(load(untitled.text('labs/a/index.html'))('.site-title').text().trim()).toBe('Docker Labs')
  const titled = await buildInMemory(await makeSite({ ...files, 'berth.config.json': '{"title": "My labs"}' }), { cache: false })
  expect(load(titled.text('labs/a/index.html'))('.site-title').text().trim()).toBe('My labs')
})
