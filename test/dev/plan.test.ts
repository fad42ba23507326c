import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { ResolvedConfig } from '../../src/config.ts'
import { classifyPath, planRebuild, selectPagesToRender } from '../../src/dev/plan.ts'
import type { Site } from '../../src/site/build-site.ts'
import type { RenderedPage } from '../../src/types.ts'

const root = '/site'
const config = { root, contentDir: `${root}/content`, assetsDir: `${root}/assets`, templatesDir: `${root}/templates` } as ResolvedConfig

test.for([
  ['/site/content/docker/intro.md', 'post'],
  ['/site/content/posts.json', 'site-map'],
  ['/site/content/docker/posts.json', 'asset'],
  ['/site/content/docker/diagram.png', 'asset'],
  ['/site/assets/berth.css', 'asset'],
  ['/site/templates/assets/berth.css', 'asset'],
  ['/site/templates/layouts/post.html', 'template'],
  ['/site/berth.config.json', 'config'],
  ['/site/package.json', 'config'],
  ['/site/README.md', undefined],
  ['/site/content/.intro.md.swp', undefined],
  ['/site/content/.github/PULL_REQUEST_TEMPLATE.md', undefined],
  ['/site/dist/index.html', undefined],
] as const)('%s is a %s change', ([file, kind]) => {
  expect(classifyPath(path.normalize(file), config)).toBe(kind)
})

describe('planRebuild', () => {
  test('the last event for a file wins, and kinds go to their part of the plan', () => {
    const plan = planRebuild([
      { kind: 'post', event: 'change', path: '/site/content/a.md' },
      { kind: 'post', event: 'unlink', path: '/site/content/a.md' },
      { kind: 'post', event: 'unlink', path: '/site/content/b.md' },
      { kind: 'post', event: 'add', path: '/site/content/b.md' },
      { kind: 'asset', event: 'change', path: '/site/assets/x.png' },
      { kind: 'site-map', event: 'change', path: '/site/content/posts.json' },
    ])
    expect(plan).toEqual({ reloadConfig: false, reloadSiteMap: true, posts: ['/site/content/b.md'], removedPosts: ['/site/content/a.md'], templates: undefined, assets: ['/site/assets/x.png'] })
  })

  test('a page layout names itself; a partial or a base layout means every page', () => {
    expect(planRebuild([{ kind: 'template', event: 'change', path: '/site/templates/layouts/post.html' }]).templates).toEqual(new Set(['post']))
    expect(planRebuild([{ kind: 'template', event: 'change', path: '/site/templates/layouts/_base.html' }]).templates).toBe('all')
    expect(planRebuild([{ kind: 'template', event: 'change', path: '/site/templates/partials/head.html' }]).templates).toBe('all')
  })
})

describe('selectPagesToRender', () => {
  const page = (url: string, title: string, html = 'x'): RenderedPage =>
    ({ url, title, html, layout: 'post', tags: [], data: {}, excerpt: '' }) as unknown as RenderedPage
  const top = (url: string, title: string) => ({ url, title, trail: [] })
  const sections = [top('docker/', 'Docker'), top('compose/', 'Compose')]
  const site = (pages: RenderedPage[], title = 'Labs', collections: object[] = sections) => ({ pages, config: { title }, collections }) as unknown as Site
  const a = page('docker/a/', 'A')
  const b = page('docker/b/', 'B')
  const c = page('compose/c/', 'C')
  const home = { layout: 'home' }
  const jobOf = (p: RenderedPage) => ({ layout: 'post', sourceUrl: p.url })

  test('a body edit re-renders only that post', () => {
    const select = selectPagesToRender(site([a, b, c]), site([page('docker/a/', 'A', 'new'), b, c]), undefined)
    if (select === 'all') throw new Error('expected a filter')
    expect([a, b, c].map((p) => select(jobOf(p)))).toEqual([true, false, false])
    expect(select(home)).toBe(false)
  })

  test('a new title re-renders the lists and the posts of its series', () => {
    const select = selectPagesToRender(site([a, b, c]), site([page('docker/a/', 'A2'), b, c]), undefined)
    if (select === 'all') throw new Error('expected a filter')
    expect([a, b, c].map((p) => select(jobOf(p)))).toEqual([true, true, false])
    expect(select(home)).toBe(true)
  })

  test('a removed post re-renders the lists and its series', () => {
    const select = selectPagesToRender(site([a, b, c]), site([b, c]), undefined)
    if (select === 'all') throw new Error('expected a filter')
    expect(select(home)).toBe(true)
    expect(select(jobOf(b))).toBe(true)
    expect(select(jobOf(c))).toBe(false)
  })

  test('a changed layout re-renders the pages that use it', () => {
    const select = selectPagesToRender(site([a, b]), site([a, b]), new Set(['home']))
    if (select === 'all') throw new Error('expected a filter')
    expect(select(home)).toBe(true)
    expect(select(jobOf(a))).toBe(false)
    expect(selectPagesToRender(site([a]), site([a]), 'all')).toBe('all')
    // A new site title (a root README's heading) is on every page.
    expect(selectPagesToRender(site([a]), site([a], 'Docker Labs'), undefined)).toBe('all')
    // So are the top-level sections, in the header's navigation; a nested collection is not.
    expect(selectPagesToRender(site([a]), site([a], 'Labs', [top('docker/', 'Docker basics'), top('compose/', 'Compose')]), undefined)).toBe('all')
    expect(selectPagesToRender(site([a]), site([a], 'Labs', [...sections, { url: 'docker/x/', title: 'X', trail: [top('docker/', 'Docker')] }]), undefined)).not.toBe('all')
  })
})
