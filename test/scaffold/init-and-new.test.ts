import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { load } from 'cheerio'
import { describe, expect, test } from 'vitest'
import { today } from '../../src/scaffold/starter.ts'
import { cli, REPO } from '../helpers/cli.ts'
import { buildInMemory, makeTempDir } from '../helpers/temp-site.ts'
import { readTree } from '../helpers/tree.ts'

const json = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as unknown
type Entry = { title: string; type: string; url: string; created?: string; children?: Entry[] }

describe('berth init', () => {
  test('makes a site that builds under --strict with no diagnostic, with the deploy workflow berth uses itself', async () => {
    const dir = path.join(await makeTempDir(), 'docker-notes')
    const { code, stdout } = await cli(['init', dir])
    expect(code).toBe(0)
    expect(stdout).toContain('berth init: started a site in')
    expect([...(await readTree(dir)).keys()].sort()).toEqual([
      '.github/workflows/deploy.yml',
      '.gitignore',
      'assets/images/ship.svg',
      'berth.config.json',
      'content/getting-started/first-container.md',
      'content/posts.json',
      'package.json',
      'templates/new-post.md',
    ])
    expect(await readFile(path.join(dir, '.github/workflows/deploy.yml'), 'utf8')).toBe(await readFile(path.join(REPO, '.github/workflows/deploy.yml'), 'utf8'))
    expect(await json(path.join(dir, 'package.json'))).toEqual({
      name: 'docker-notes',
      private: true,
      type: 'module',
      scripts: { build: 'berth build', dev: 'berth dev', check: 'berth check', berth: 'berth' },
      dependencies: { berth: expect.stringMatching(/^\^\d+\.\d+\.\d+$/) },
    })
    expect(await json(path.join(dir, 'berth.config.json'))).toMatchObject({ title: 'Docker Notes' })
    expect((await readFile(path.join(dir, '.gitignore'), 'utf8')).split('\n')).toEqual(expect.arrayContaining(['node_modules/', 'dist/']))

    const { result, text } = await buildInMemory(dir, { strict: true })
    expect(result.diagnostics).toEqual([])
    expect(result.ok).toBe(true)
    const $ = load(text('getting-started/first-container/index.html'))
    expect($('h1').text()).toBe('Your first container')
    expect($('time').first().attr('datetime')).toBe(today())
    expect($('.post-body img').attr('width')).toBe('640')
    expect($('.post-body .toc a').map((_, a) => $(a).text()).get()).toEqual(['Install Docker', 'Run a container', 'Next steps'])
    expect(load(text('index.html'))('a[href="/getting-started/"]').length).toBeGreaterThan(0)
  })

  test('writes nothing when any of its files is there, and names them', async () => {
    const dir = await makeTempDir()
    await mkdir(path.join(dir, 'content'))
    await writeFile(path.join(dir, 'content/posts.json'), '[]\n')
    const { code, stderr } = await cli(['init', dir])
    expect(code).toBe(1)
    expect(stderr).toContain('nothing was written: content/posts.json')
    expect([...(await readTree(dir)).keys()]).toEqual(['content/posts.json'])
    expect(await readFile(path.join(dir, 'content/posts.json'), 'utf8')).toBe('[]\n')
  })

  test('in a folder where berth was installed, keeps package.json and adds only the scripts', async () => {
    const dir = await makeTempDir()
    const mine = { name: 'mine', version: '1.0.0', scripts: { build: 'custom build' }, devDependencies: { berth: 'github:acme/berth' } }
    await writeFile(path.join(dir, 'package.json'), JSON.stringify(mine))
    const { code, stdout } = await cli(['init'], dir)
    expect(code).toBe(0)
    expect(stdout).toContain('package.json (added the scripts dev, check, berth)')
    expect(await json(path.join(dir, 'package.json'))).toEqual({ ...mine, scripts: { build: 'custom build', dev: 'berth dev', check: 'berth check', berth: 'berth' } })
  })

  test('--title and --berth set the site title and how package.json names berth', async () => {
    const dir = await makeTempDir()
    expect((await cli(['init', dir, '--title', 'Ship it: Docker', '--berth', 'github:acme/berth'])).code).toBe(0)
    expect(await json(path.join(dir, 'berth.config.json'))).toMatchObject({ title: 'Ship it: Docker' })
    expect(await json(path.join(dir, 'package.json'))).toMatchObject({ dependencies: { berth: 'github:acme/berth' } })
  })

  test.for([[['init', 'a', 'b']], [['new', 'page', 'x/y']], [['new', 'post']]])('%j is a usage error', async ([args]) => {
    const { code, stderr } = await cli(args!)
    expect(code).toBe(2)
    expect(stderr).toContain('Usage: berth')
  })
})

describe('berth new post', () => {
  const startedSite = async () => {
    const dir = await makeTempDir()
    await cli(['init', dir])
    return dir
  }

  test('writes the post from the site\'s template and lists it last in its series, dated today', async () => {
    const dir = await startedSite()
    await writeFile(path.join(dir, 'templates/new-post.md'), '---\nurl: {{ url }}\nlayout: post\n---\n\nAbout {{ title }}, {{ date }}.\n')
    const { code, stdout } = await cli(['new', 'post', 'getting-started/your-image', '--root', dir])
    expect(code).toBe(0)
    expect(stdout).toBe('berth new: wrote content/getting-started/your-image.md and listed it in content/posts.json')
    expect(await readFile(path.join(dir, 'content/getting-started/your-image.md'), 'utf8')).toBe(`---\nurl: getting-started/your-image\nlayout: post\n---\n\nAbout Your Image, ${today()}.\n`)
    const [series] = (await json(path.join(dir, 'content/posts.json'))) as Entry[]
    expect(series!.children!.map((c) => c.url)).toEqual(['getting-started/first-container', 'getting-started/your-image'])
    expect(series!.children![1]).toEqual({ title: 'Your Image', type: 'post', url: 'getting-started/your-image', created: today() })

    const { result, text } = await buildInMemory(dir, { strict: true })
    expect(result.diagnostics).toEqual([])
    // The series' reading order: the new post is Part 2, after the first.
    expect(load(text('getting-started/first-container/index.html'))('a[rel="next"]').attr('href')).toBe('/getting-started/your-image/')
  })

  test('makes the series and its section when the site map has neither, and the site map when there is none', async () => {
    const dir = await makeTempDir()
    expect((await cli(['new', 'post', 'docker/networking/bridges', '--root', dir, '--title', 'Bridge networks'])).stdout).toBe(
      'berth new: wrote content/docker/networking/bridges.md and listed it in content/posts.json (new)',
    )
    expect(await json(path.join(dir, 'content/posts.json'))).toEqual([
      {
        title: 'Docker',
        type: 'category',
        url: 'docker',
        children: [{ title: 'Networking', type: 'topic', url: 'docker/networking', children: [{ title: 'Bridge networks', type: 'post', url: 'docker/networking/bridges', created: today() }] }],
      },
    ])
    const { result } = await buildInMemory(dir)
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  test('refuses an existing file, a url the site map lists, and a name outside a series, writing nothing', async () => {
    const dir = await startedSite()
    const before = await readTree(dir)
    for (const [name, problem] of [
      ['getting-started/first-container', 'content/getting-started/first-container.md is there already'],
      ['lonely', '"lonely" is not a post\'s place in a series'],
      ['a/b c', '"a/b c" is not a post\'s place in a series'],
    ] as const) {
      const { code, stderr } = await cli(['new', 'post', name, '--root', dir])
      expect(code).toBe(1)
      expect(stderr).toContain(`berth new: ${problem}; nothing was written`)
    }
    await writeFile(path.join(dir, 'content/posts.json'), JSON.stringify([{ title: 'S', url: 's', children: [{ title: 'Listed', url: 's/listed' }] }]))
    expect((await cli(['new', 'post', 's/listed', '--root', dir])).stderr).toContain('the site map lists s/listed already')
    expect(existsSync(path.join(dir, 'content/s/listed.md'))).toBe(false)
    expect([...(await readTree(dir)).keys()]).toEqual([...before.keys()])
  })

  test('a YAML site map is left as the author wrote it: berth prints the entry to add', async () => {
    const dir = await makeTempDir()
    const yaml = '# my series\n- title: Basics\n  url: basics\n'
    await mkdir(path.join(dir, 'content'))
    await writeFile(path.join(dir, 'content/posts.yml'), yaml)
    const { code, stdout } = await cli(['new', 'post', 'basics/volumes', '--root', dir])
    expect(code).toBe(0)
    expect(stdout).toBe(`berth new: wrote content/basics/volumes.md; add it to content/posts.yml under its series:\n- title: Volumes\n  type: post\n  url: basics/volumes\n  created: ${today()}`)
    expect(await readFile(path.join(dir, 'content/posts.yml'), 'utf8')).toBe(yaml)
  })
})
