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
  expect(uses).toEqual(['actions/checkout@v7', 'actions/setup-node@v7', 'actions/configure-pages@v6', 'actions/upload-pages-artifact@v5', 'actions/deploy-pages@v5'])
  const node = step((s) => s.uses?.startsWith('actions/setup-node') === true)
  expect(node.with).toEqual({ 'node-version': '20.20', cache: 'npm' })
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8')
  expect(readme).toContain('Node.js 20.20')
})

test('installs from the lock file, tests and checks before it builds', () => {
  const runs = build.map((s) => s.run).filter(Boolean)
  expect(runs[0]).toBe('npm ci')
  expect(runs[1]).toBe('npm test')
  expect(runs[2]).toMatch(/^node bin\/berth\.js check --strict /)
  expect(runs[3]).toMatch(/^npm run build -- /)
})

test('builds and checks with the base path and site url that configure-pages reports', () => {
  const pages = step((s) => s.uses?.startsWith('actions/configure-pages') === true)
  expect(pages.id).toBe('pages')
  for (const run of [step((s) => s.run?.startsWith('npm run build') === true).run!, step((s) => s.run?.includes('check') === true).run!]) {
    expect(run).toContain('--base "${{ steps.pages.outputs.base_path }}/"')
    expect(run).toContain('--site-url "${{ steps.pages.outputs.base_url }}"')
  }
})

test('uploads dist/ and deploys it, but not for pull requests', () => {
  const upload = step((s) => s.uses?.startsWith('actions/upload-pages-artifact') === true)
  expect(upload.with).toEqual({ path: 'dist' })
  expect(upload.if).toBe("github.event_name != 'pull_request'")
  expect(workflow.jobs.deploy!.if).toBe("github.event_name != 'pull_request'")
  expect(workflow.jobs.deploy!.needs).toBe('build')
  expect(workflow.jobs.deploy!.environment?.name).toBe('github-pages')
})
