import { existsSync } from 'node:fs'
import { mkdir, rename, symlink, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { load } from 'cheerio'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { dev, type DevServer } from '../../src/dev/dev.ts'
import { openEventStream, rawRequest, type EventReader } from '../helpers/http.ts'
import { makeSite, makeTempDir, pngOfSize, post } from '../helpers/temp-site.ts'

let server: DevServer
let root: string
let events: EventReader
const lines: string[] = []

async function startDev(files: Record<string, string | Uint8Array>) {
  root = await makeSite(files)
  const started = await dev({ root, port: 0, out: (l) => lines.push(l), err: (l) => lines.push(l), settleMs: 5 })
  if ('failed' in started) throw new Error(JSON.stringify(started.failed))
  server = started
  events = await openEventStream(`${server.url}__berth/events`)
  await events.next('ok')
}

const get = (target: string, headers: Record<string, string> = {}, method = 'GET') => rawRequest(server.port, target, headers, method)

afterEach(async () => {
  events?.close()
  await server?.close()
  lines.length = 0
})

describe('live reload', () => {
  beforeEach(() =>
    startDev({
      'content/docker/intro.md': post('docker/intro', '# Intro\n\nFirst text.\n\nMore text.\n\n![logo][logo]\n\n[logo]: /assets/logo.png'),
      'content/docker/volumes.md': post('docker/volumes', '# Volumes\n\nVolume text.'),
      'content/docker/draft.md': post('docker/draft', '# Draft\n\nNot yet.', 'draft: true\n'),
      'assets/logo.png': pngOfSize(10, 10),
    }),
  )

  test('serves pages with the reload client, drafts with a banner, and never writes dist/', async () => {
    const page = await get('/docker/intro/')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.body).toContain('data-berth-dev')
    expect(page.body).toContain('First text.')
    const draft = await get('/docker/draft/')
    expect(draft.status).toBe(200)
    expect(load(draft.body)('.draft-banner').text()).toContain('Draft')
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  test('an edited post sends a reload event for its page, and the new HTML is served', async () => {
    await writeFile(path.join(root, 'content/docker/intro.md'), post('docker/intro', '# Intro\n\nFirst text.\n\nChanged text.\n\n![logo][logo]\n\n[logo]: /assets/logo.png'))
    const event = await events.next('reload')
    // The page and its markdown twin.
    expect(event.paths).toEqual(['/docker/intro/', '/docker/intro/index.md'])
    expect((await get('/docker/intro/')).body).toContain('Changed text.')
    // The body changed, not the title: no other page was touched.
    expect(lines.at(-1)).toMatch(/1 page rendered, 2 changed/)
  })

  test('a new title re-renders the pages that show it', async () => {
    await writeFile(path.join(root, 'content/docker/volumes.md'), post('docker/volumes', '# Docker volumes\n\nVolume text.'))
    const event = await events.next('reload')
    expect(event.paths).toEqual(expect.arrayContaining(['/', '/docker/volumes/']))
    expect(load((await get('/')).body)('.post-link').map((_, a) => load(a).text()).get()).toContain('Docker volumes')
  })

  test('broken front matter shows as an error event with file and line; the fix clears it', async () => {
    await writeFile(path.join(root, 'content/docker/intro.md'), '---\nurl: docker/intro\ndraft: perhaps\n---\n\nText\n')
    const failure = await events.next('errors')
    // The heading line, the code frame (the line with a caret under its column) and the hint, each as text.
    expect(failure.errors).toEqual([
      {
        heading: 'content/docker/intro.md:3:1: error: front matter field "draft": expected boolean, got the text "perhaps" [front-matter/invalid-field]',
        frame: '  2 | url: docker/intro\n> 3 | draft: perhaps\n    | ^\n  4 | ---',
        hint: 'write draft: true or draft: false',
      },
    ])
    // The last good page is still served, and newly opened pages learn of the error at once.
    expect((await get('/docker/intro/')).body).toContain('First text.')
    const late = await openEventStream(`${server.url}__berth/events`)
    expect((await late.next('errors')).errors).toHaveLength(1)
    late.close()
    await writeFile(path.join(root, 'content/docker/intro.md'), post('docker/intro', '# Intro\n\nFixed text.'))
    await events.next('ok')
    expect((await events.next('reload')).paths).toContain('/docker/intro/')
    expect((await get('/docker/intro/')).body).toContain('Fixed text.')
  })

  test('a missing image is an error at its line', async () => {
    await writeFile(path.join(root, 'content/docker/volumes.md'), post('docker/volumes', '# Volumes\n\n![gone](/assets/gone.png)'))
    expect((await events.next('errors')).errors).toEqual([expect.objectContaining({ heading: expect.stringMatching(/^content\/docker\/volumes\.md:8:1: error: image "\/assets\/gone\.png" not found/) })])
  })

  test('a deleted post is gone, new and renamed posts appear', async () => {
    await unlink(path.join(root, 'content/docker/volumes.md'))
    expect((await events.next('reload')).paths).toContain('/docker/volumes/')
    expect((await get('/docker/volumes/')).status).toBe(404)
    await writeFile(path.join(root, 'content/docker/networks.md'), post('docker/networks', '# Networks\n\nBridges.'))
    await events.next('reload')
    expect((await get('/docker/networks/')).body).toContain('Bridges.')
    await rename(path.join(root, 'content/docker/networks.md'), path.join(root, 'content/docker/nets.md'))
    await server.idle()
    await new Promise((r) => setTimeout(r, 300))
    await server.idle()
    expect((await get('/docker/networks/')).body).toContain('Bridges.')
    expect(server.build.diagnostics()).toEqual([])
  })

  test("a deleted post's links elsewhere become errors, and a fixed link clears them", async () => {
    await writeFile(path.join(root, 'content/docker/intro.md'), post('docker/intro', '# Intro\n\nSee [volumes](../volumes/).'))
    await events.next('reload')
    await unlink(path.join(root, 'content/docker/volumes.md'))
    const failure = await events.next('errors')
    expect(failure.errors).toEqual([expect.objectContaining({ heading: expect.stringMatching(/^content\/docker\/intro\.md:8:5: error: link to "\.\.\/volumes\/": no page or file at \/docker\/volumes\//) })])
    await writeFile(path.join(root, 'content/docker/intro.md'), post('docker/intro', '# Intro\n\nNo links now.'))
    await events.next('ok')
  })

  test('a burst of saves is coalesced and the last one wins', async () => {
    const file = path.join(root, 'content/docker/intro.md')
    for (let i = 1; i <= 10; i++) await writeFile(file, post('docker/intro', `# Intro\n\nSave number ${i}.`))
    await events.next('reload')
    await server.idle()
    await new Promise((r) => setTimeout(r, 200))
    await server.idle()
    expect((await get('/docker/intro/')).body).toContain('Save number 10.')
  })

  test('a stylesheet change is sent as a css event, not a reload', async () => {
    await mkdir(path.join(root, 'assets'), { recursive: true })
    await writeFile(path.join(root, 'assets/berth.css'), 'body { color: red }')
    expect((await events.next('css')).paths).toEqual(['/assets/berth.css'])
    expect((await get('/assets/berth.css')).body).toBe('body { color: red }')
  })

  test('a template change re-renders the pages that use it', async () => {
    await mkdir(path.join(root, 'templates/partials'), { recursive: true })
    await writeFile(path.join(root, 'templates/partials/footer.html'), '<footer>New footer</footer>')
    const event = await events.next('reload')
    expect(event.paths).toEqual(expect.arrayContaining(['/', '/docker/intro/', '/docker/volumes/', '/404.html']))
    expect((await get('/docker/intro/')).body).toContain('New footer')
  })
})

describe('serving', () => {
  beforeEach(() => startDev({ 'content/a.md': post('docs/a', '# A\n\nText.'), 'assets/logo.png': pngOfSize(2, 2) }))

  test('content types, folder redirects and the 404 page', async () => {
    expect((await get('/assets/logo.png')).headers['content-type']).toBe('image/png')
    expect((await get('/assets/berth.css')).headers['content-type']).toBe('text/css; charset=utf-8')
    const redirect = await get('/docs/a?x=1')
    expect(redirect.status).toBe(301)
    expect(redirect.headers.location).toBe('/docs/a/?x=1')
    const missing = await get('/no/such/page/')
    expect(missing.status).toBe(404)
    expect(missing.body).toContain('Page not found')
    const head = await get('/docs/a/', {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
  })

  test.for([
    '/../../../etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/assets/..%5c..%5cpackage.json',
    '/assets\\..\\..\\etc\\passwd',
    '/content/a.md',
    '/.git/config',
  ])('refuses %s', async (target) => {
    const response = await get(target)
    expect([400, 404]).toContain(response.status)
    expect(response.body).not.toContain('root:')
    expect(response.body).not.toContain('url: docs/a')
  })

  test('NUL bytes, bad percent-encoding and overlong paths get 400', async () => {
    expect((await get('/a%00b')).status).toBe(400)
    expect((await get('/%zz')).status).toBe(400)
    expect((await get(`/${'a'.repeat(5000)}`)).status).toBe(400)
  })

  test('a symlink to outside the site is never served', async () => {
    const outside = await makeTempDir()
    await writeFile(path.join(outside, 'secret.txt'), 'top secret')
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'assets/secret.txt'))
    await new Promise((r) => setTimeout(r, 300))
    await server.idle()
    const response = await get('/assets/secret.txt')
    expect(response.status).toBe(404)
    expect(response.body).not.toContain('top secret')
  })

  test('only GET and HEAD are accepted', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) expect((await get('/', {}, method)).status).toBe(405)
  })

  test('a foreign Host gets 403 (DNS rebinding); local names are fine', async () => {
    expect((await get('/', { Host: 'evil.example' })).status).toBe(403)
    expect((await get('/', { Host: `evil.example:${server.port}` })).status).toBe(403)
    expect((await get('/', { Host: `localhost:${server.port + 1}` })).status).toBe(403)
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`]) expect((await get('/', { Host: host })).status).toBe(200)
  })

  test('the event stream refuses a foreign Origin and carries no CORS grant', async () => {
    expect((await get('/__berth/events', { Origin: 'http://evil.example' })).status).toBe(403)
    expect((await get('/__berth/events', { Origin: `http://localhost:${server.port + 1}` })).status).toBe(403)
    for (const target of ['/', '/assets/logo.png', '/missing']) expect((await get(target, { Origin: 'http://evil.example' })).headers['access-control-allow-origin']).toBeUndefined()
  })

  test('the server is still up after all of that, and after a request it cannot parse', async () => {
    await get('/%zz')
    const garbage = await new Promise<string>((resolve) => {
      const socket = require('node:net').connect(server.port, '127.0.0.1', () => socket.write('NONSENSE\r\n\r\n'))
      let text = ''
      socket.on('data', (d: Buffer) => (text += d.toString()))
      socket.on('close', () => resolve(text))
    })
    expect(garbage).toMatch(/^HTTP\/1\.1 400/)
    expect((await get('/docs/a/')).status).toBe(200)
  })

  test('a taken port moves to the next free one', async () => {
    const second = await dev({ root, port: server.port, out: (l) => lines.push(l), err: (l) => lines.push(l) })
    if ('failed' in second) throw new Error('failed')
    expect(second.port).toBe(server.port + 1)
    expect(lines).toContain(`berth dev: port ${server.port} is in use, using ${server.port + 1}`)
    await second.close()
  })

  test('overlay text is escaped: a hostile file name reaches the page only as JSON text', async () => {
    await writeFile(path.join(root, 'content/<img src=x onerror=alert(1)>.md'), '---\ndraft: nope\n---\n')
    const event = await events.next('errors')
    expect((event.errors as { heading: string }[])[0]!.heading).toContain('<img src=x onerror=alert(1)>.md')
    // The client sets it with textContent; the served script never uses innerHTML.
    expect((await get('/docs/a/')).body).not.toContain('innerHTML')
  })
})
