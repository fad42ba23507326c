import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { REPO } from '../helpers/cli.ts'
import { buildInMemory } from '../helpers/temp-site.ts'

const GUIDE = path.join(REPO, 'content/guide')
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))

/** Every rule id berth's code can report: quoted `area/rule` literals, and `${RULE}/rule` where the module names its RULE. */
function ruleIdsInCode(): string[] {
  const areas = new Set(['asset', 'code', 'config', 'content', 'front-matter', 'heading', 'image', 'link', 'markdown', 'page', 'preview', 'site-map', 'template', 'toc'])
  const ids = new Set<string>()
  for (const file of sources(path.join(REPO, 'src'))) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/['`]([a-z]+(?:-[a-z]+)*)\/([a-z]+(?:-[a-z]+)*)['`]/g)) if (areas.has(match[1]!)) ids.add(`${match[1]}/${match[2]}`)
    const area = /const RULE = '([a-z-]+)'/.exec(text)?.[1]
    if (area) for (const match of text.matchAll(/\$\{RULE\}\/([a-z-]+)/g)) ids.add(`${area}/${match[1]}`)
  }
  // The name a unified message gets when a plugin gave it no rule: not a rule of its own.
  ids.delete('markdown/problem')
  return [...ids].sort()
}

test('the guide\'s checks page documents every rule id berth reports', () => {
  const page = readFileSync(path.join(GUIDE, 'reference/checks.md'), 'utf8')
  const ids = ruleIdsInCode()
  expect(ids.length).toBeGreaterThan(40)
  expect(ids.filter((id) => !page.includes(`\`${id}\``))).toEqual([])
})

test('the README links to every page of the guide, and each link names a file that is there', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8')
  const linked = [...readme.matchAll(/\]\((content\/guide\/[^)]+\.md)\)/g)].map((m) => m[1]!)
  const pages = [...readdirSync(GUIDE, { recursive: true })].map(String).filter((f) => f.endsWith('.md')).map((f) => `content/guide/${f.split(path.sep).join('/')}`)
  expect([...new Set(linked)].sort()).toEqual(pages.sort())
  expect(readme.split('\n').length).toBeLessThanOrEqual(150)
})

test('the bundled site, guide and reference included, builds with no warning under --strict', { timeout: 60_000 }, async () => {
  const { result, files } = await buildInMemory(REPO, { strict: true, cache: false })
  expect(result.diagnostics).toEqual([])
  expect(result.ok).toBe(true)
  expect(files.has('guide/reference/checks/index.html')).toBe(true)
})
