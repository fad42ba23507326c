import { execFile } from 'node:child_process'
import { cp } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { makeTempDir } from '../helpers/temp-site.ts'
import { readTree } from '../helpers/tree.ts'

const REPO = path.resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

test('two machines build byte-identical sites: other folders, time zones, locales and SOURCE_DATE_EPOCH', { timeout: 60_000 }, async () => {
  const trees = []
  for (const [tz, lang, epoch] of [
    ['UTC', 'C', '1600000000'],
    ['Pacific/Kiritimati', 'de_DE.UTF-8', '1700000000'],
  ]) {
    const root = path.join(await makeTempDir(), 'site-copy')
    for (const dir of ['content', 'assets', 'templates']) await cp(path.join(REPO, dir), path.join(root, dir), { recursive: true })
    await cp(path.join(REPO, 'package.json'), path.join(root, 'package.json'))
    await run(process.execPath, [path.join(REPO, 'bin/berth.js'), 'build', '--root', root, '--base', '/repo/', '--site-url', 'https://user.github.io/repo'], {
      env: { ...process.env, TZ: tz, LANG: lang, LC_ALL: lang, SOURCE_DATE_EPOCH: epoch },
    })
    const tree = await readTree(path.join(root, 'dist'))
    for (const [file, bytes] of tree) expect(bytes.includes(root), `${file} names the build folder`).toBe(false)
    trees.push(tree)
  }
  expect([...trees[0]!.keys()]).toEqual([...trees[1]!.keys()])
  for (const [file, bytes] of trees[0]!) expect(bytes.equals(trees[1]!.get(file)!), file).toBe(true)
})
