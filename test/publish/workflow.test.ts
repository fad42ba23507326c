import { readFileSync } from 'node:fs'
import path from 'node:path'
import { validateWorkflow } from '@action-validator/core'
import { expect, test } from 'vitest'
import { parse } from 'yaml'

const FILE = path.resolve(import.meta.dirname, '../../.github/workflows/deploy.yml')
const source = readFileSync(FILE, 'utf8')
type Step = { name?: string; id?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown> }
type Workflow = {
  on: Record<string, unknown>
  permissions: Record<string, string>
  concurrency: { group: string }
  jobs: Record<string, { if?: string; needs?: string; steps: Step[]; environment?: { name: string } }>
}
const workflow = parse(source) as Workflow
const build = workflow.jobs.build!.steps
const step = (match: (s: Step) => boolean) => {
  const found = build.find(match)
  if (!found) throw new Error('step not found')
  return found
}

test('passes a GitHub Actions workflow validator', () => {
  expect(validateWorkflow(source).errors).toEqual([])
})

test('runs on pushes to main, pull requests and by hand', () => {
  expect(workflow.on).toEqual({ push: { branches: ['main'] }, pull_request: null, workflow_dispatch: null })
})

test('asks for exactly the permissions Pages needs, and deploys one at a time', () => {
  expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' })
  expect(workflow.concurrency.group).toContain('pages')
})

test('uses the official actions at their current majors, with npm caching on the README\'s Node', () => {
  const uses = [...build, ...workflow.jobs.deploy!.steps].map((s) => s.uses).filter(Boolean)
  expect(uses).toEqual(['actions/checkout@v7', 'actions/setup-node@v7', 'actions/cache@v5', 'actions/configure-pages@v6', 'actions/upload-pages-artifact@v5', 'actions/deploy-pages@v5'])
  const node = step((s) => s.uses?.startsWith('actions/setup-node') === true)
  expect(node.with).toEqual({ 'node-version': '24', cache: 'npm' })
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8')
  expect(readme).toContain('Node.js 24')
  // A maintained LTS that berth's own engines admit.
  const engines = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')).engines.node
  expect(engines).toBe('>=20.19')
})

const runOn = (event: 'push' | 'pull_request') => build.filter((s) => s.if === undefined || s.if === (event === 'pull_request' ? "github.event_name == 'pull_request'" : "github.event_name != 'pull_request'"))

test('a push installs from the lock file and builds once, checking everything; berth\'s own tests are not run', () => {
  const runs = runOn('push').map((s) => s.run).filter(Boolean)
  expect(runs).toEqual(['npm ci', expect.stringMatching(/^npm run berth -- build --strict /)])
  expect(build.some((s) => s.run?.includes('npm test'))).toBe(false)
})

test('a push builds with the base path and site url that configure-pages reports', () => {
  const pages = step((s) => s.uses?.startsWith('actions/configure-pages') === true)
  expect(pages.id).toBe('pages')
  expect(pages.if).toBe("github.event_name != 'pull_request'")
  const run = step((s) => s.run?.includes(' build ') === true).run!
  expect(run).toContain('--base "${{ steps.pages.outputs.base_path }}/"')
  expect(run).toContain('--site-url "${{ steps.pages.outputs.base_url }}"')
})

test('a pull request is checked (never built twice, never deployed), with a site url and base of its own so --strict does not fail on a missing url', () => {
  const steps = runOn('pull_request')
  const runs = steps.map((s) => s.run).filter(Boolean)
  expect(runs).toEqual(['npm ci', expect.stringMatching(/^npm run berth -- check --strict /)])
  expect(steps.some((s) => s.uses?.startsWith('actions/configure-pages'))).toBe(false)
  expect(runs[1]).toContain('--base "/${{ github.event.repository.name }}/"')
  expect(runs[1]).toContain('--site-url "https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}"')
})

test('uploads dist/ and deploys it, but not for pull requests', () => {
  const upload = step((s) => s.uses?.startsWith('actions/upload-pages-artifact') === true)
  expect(upload.with).toEqual({ path: 'dist' })
  expect(upload.if).toBe("github.event_name != 'pull_request'")
  expect(workflow.jobs.deploy!.if).toBe("github.event_name != 'pull_request'")
  expect(workflow.jobs.deploy!.needs).toBe('build')
  expect(workflow.jobs.deploy!.environment?.name).toBe('github-pages')
})

test('restores berth\'s cache after npm ci, keyed on the lock file and the site\'s sources, falling back to the last run\'s', () => {
  const names = build.map((s) => s.uses ?? s.run)
  const cache = step((s) => s.uses?.startsWith('actions/cache') === true)
  // npm ci empties node_modules/, where the cache lives: restored before it, it would be thrown away.
  expect(names.indexOf(cache.uses)).toBe(names.indexOf('npm ci') + 1)
  const paths = String(cache.with?.path).trim().split('\n')
  expect(paths).toEqual(['node_modules/.cache/berth', '!node_modules/.cache/berth/output'])
  const key = String(cache.with?.key)
  expect(key).toContain("hashFiles('package-lock.json')")
  for (const source of ['content/**', 'assets/**', 'templates/**', 'berth.config.json']) expect(key).toContain(`'${source}'`)
  const restoreKeys = String(cache.with?.['restore-keys']).trim().split('\n')
  // Each fallback is a prefix of the key: a push that changed the content finds the last cache of the same packages first.
  expect(restoreKeys).toEqual(['berth-${{ runner.os }}-${{ hashFiles(\'package-lock.json\') }}-', 'berth-${{ runner.os }}-'])
  for (const prefix of restoreKeys) expect(key.startsWith(prefix)).toBe(true)
})
