import path from 'node:path'
import { expect, test } from 'vitest'
import { build } from '../../src/build.ts'
import { preview } from '../../src/preview.ts'
import { rawRequest } from '../helpers/http.ts'
import { makeSite, makeTempDir, post } from '../helpers/temp-site.ts'

test('berth preview serves the built output as a static host would, under the base path', async () => {
  const root = await makeSite({ 'content/a.md': post('docs/a', '# A\n\nText.') })
  const out = path.join(await makeTempDir(), 'site')
  expect((await build({ root, out, base: '/repo/' })).ok).toBe(true)
  const server = await preview({ root, out, base: '/repo/', port: 0 })
  if ('failed' in server) throw new Error(JSON.stringify(server.failed))
  try {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/repo/`)
    const page = await rawRequest(server.port, '/repo/docs/a/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('href="/repo/assets/berth.css"')
    // What is published, exactly: no live-reload client.
    expect(page.body).not.toContain('data-berth-dev')
    const missing = await rawRequest(server.port, '/repo/no/such/page/')
    expect(missing.status).toBe(404)
    expect(missing.body).toContain('Page not found')
    expect((await rawRequest(server.port, '/')).headers.location).toBe('/repo/')
    expect((await rawRequest(server.port, '/repo/docs/a')).headers.location).toBe('/repo/docs/a/')
    expect((await rawRequest(server.port, '/repo/../../etc/passwd')).status).toBe(404)
    expect((await rawRequest(server.port, '/repo/__berth/events')).status).toBe(404)
  } finally {
    await server.close()
  }
})

test('berth preview without a build says to build first', async () => {
  const root = await makeSite({ 'content/a.md': post('a', 'A') })
  const server = await preview({ root, port: 0 })
  expect(server).toEqual({ failed: [expect.objectContaining({ ruleId: 'preview/no-output', hint: expect.stringContaining('berth build') })] })
})
