import { chmod, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { buildServerAddress, idleMinutes } from '../../src/build-server/address.js'
import { makeTempDir } from '../helpers/temp-site.ts'

const ROOT = '/berth'

test('build and check go through a build server; the socket is in a folder only this user can enter', async () => {
  const tmp = await makeTempDir()
  const address = buildServerAddress(['build', '--root', 'site'], { env: {}, root: ROOT, tmp })
  expect(address).toMatch(new RegExp(`^${tmp}/berth-[^/]+/[0-9a-f]{16}\\.sock$`))
  // The arguments are the request's, not part of the address: every build shares the server.
  expect(buildServerAddress(['check'], { env: {}, root: ROOT, tmp })).toBe(address)
})

test.for([
  ['dev', {}],
  ['preview', {}],
  ['--version', {}],
  ['build', { BERTH_BUILD_SERVER: '0' }],
  ['build', { CI: 'true' }],
  ['build', { CI: '1' }],
])('no build server for %s with %j', async ([command, env]) => {
  const tmp = await makeTempDir()
  expect(buildServerAddress([command as string], { env: env as NodeJS.ProcessEnv, root: ROOT, tmp })).toBeUndefined()
})

test('no build server when berth is told to run from its sources: a server checks its code by its bundle', async () => {
  expect(buildServerAddress(['build'], { env: { BERTH_BUNDLE: '0' }, root: ROOT, tmp: await makeTempDir() })).toBeUndefined()
})

test('CI=false is not a CI machine', async () => {
  expect(buildServerAddress(['build'], { env: { CI: 'false' }, root: ROOT, tmp: await makeTempDir() })).toBeDefined()
})

test('another install of berth or another locale or NODE_OPTIONS is another server; other variables are not', async () => {
  const tmp = await makeTempDir()
  const address = (env: NodeJS.ProcessEnv, root = ROOT) => buildServerAddress(['build'], { env, root, tmp })
  const plain = address({ HOME: '/home/a' })
  expect(address({ HOME: '/home/b', BERTH_DEBUG: '1' })).toBe(plain)
  expect(address({}, '/elsewhere/node_modules/berth')).not.toBe(plain)
  expect(address({ LANG: 'de_DE.UTF-8' })).not.toBe(plain)
  expect(address({ LC_ALL: 'C' })).not.toBe(plain)
  expect(address({ NODE_OPTIONS: '--max-old-space-size=100' })).not.toBe(plain)
})

test.skipIf(process.platform === 'win32')('a socket folder others can enter is not used', async () => {
  const tmp = await makeTempDir()
  const folder = path.join(tmp, `berth-${process.getuid!()}`)
  await mkdir(folder)
  await chmod(folder, 0o777)
  expect(buildServerAddress(['build'], { env: {}, root: ROOT, tmp })).toBeUndefined()
})

test('BERTH_BUILD_SERVER is the minutes a server waits for its next build: 15 unless set', () => {
  expect(idleMinutes({})).toBe(15)
  expect(idleMinutes({ BERTH_BUILD_SERVER: '2.5' })).toBe(2.5)
  expect(idleMinutes({ BERTH_BUILD_SERVER: '0' })).toBe(0)
  expect(idleMinutes({ BERTH_BUILD_SERVER: 'soon' })).toBe(15)
  expect(idleMinutes({ BERTH_BUILD_SERVER: '' })).toBe(15)
})
