import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { BERTH_ROOT } from '../src/berth-root.ts'
import { feedBerthCode } from '../src/digest-files.ts'
import { installedPackagesDigest } from '../src/installed-packages.js'
import { makeTempDir } from './helpers/temp-site.ts'

/** A site with berth installed in its node_modules, next to one dependency of berth's. */
async function installed() {
  const site = await makeTempDir('berth-installed-')
  const berth = path.join(site, 'node_modules/berth')
  await mkdir(path.join(site, 'node_modules/liquidjs'), { recursive: true })
  await mkdir(berth, { recursive: true })
  await writeFile(path.join(berth, 'package.json'), JSON.stringify({ name: 'berth', dependencies: { liquidjs: '^10.0.0' } }))
  await writeFile(path.join(site, 'node_modules/liquidjs/package.json'), JSON.stringify({ name: 'liquidjs', version: '10.30.1' }))
  return { site, berth }
}

test("npm's record of the installed tree, found above berth, decides: any package's new version changes the digest", async () => {
  const { site, berth } = await installed()
  const record = path.join(site, 'node_modules/.package-lock.json')
  await writeFile(record, JSON.stringify({ packages: { 'node_modules/micromark': { version: '4.0.1' } } }))
  const before = installedPackagesDigest(berth)
  expect(installedPackagesDigest(berth)).toBe(before)
  await writeFile(record, JSON.stringify({ packages: { 'node_modules/micromark': { version: '4.0.2' } } }))
  expect(installedPackagesDigest(berth)).not.toBe(before)
})

test("without npm's record, berth's own dependencies' manifests decide", async () => {
  const { site, berth } = await installed()
  const before = installedPackagesDigest(berth)
  await writeFile(path.join(site, 'node_modules/liquidjs/package.json'), JSON.stringify({ name: 'liquidjs', version: '10.31.0' }))
  expect(installedPackagesDigest(berth)).not.toBe(before)
})

test("berth's code is known by the name of the bundle it runs from, reading no file; from the sources, by each source file", () => {
  const fed = (bundle: string | undefined) => {
    const files: string[] = []
    const hash = createHash('sha256')
    feedBerthCode(hash, ['src'], (h, file) => (files.push(file), h.update(file)), bundle)
    return { files, digest: hash.digest('hex') }
  }
  const bundled = fed('/berth/node_modules/.cache/berth-bundle/0123abcd')
  expect(bundled.files).toEqual([])
  expect(fed('/berth/node_modules/.cache/berth-bundle/4567ef01').digest).not.toBe(bundled.digest)
  const fromSources = fed(undefined)
  expect(fromSources.files).toContain(path.join(BERTH_ROOT, 'src', 'digest-files.ts'))
  expect(fromSources.digest).not.toBe(bundled.digest)
})
