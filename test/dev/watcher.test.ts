import { expect, test } from 'vitest'
import type { ResolvedConfig } from '../../src/config.ts'
import type { Change } from '../../src/dev/plan.ts'
import { handleWatchMessage } from '../../src/dev/watcher.ts'

const root = '/site'
const config = { root, contentDir: `${root}/content`, assetsDir: `${root}/assets`, templatesDir: `${root}/templates` } as ResolvedConfig

function handle(message: Parameters<typeof handleWatchMessage>[0]) {
  const changes: Change[] = []
  const problems: string[] = []
  handleWatchMessage(message, config, (change) => changes.push(change), (problem) => problems.push(problem))
  return { changes, problems }
}

test('a problem the watcher thread reports reaches the dev server as a message, not as a crash', () => {
  expect(handle({ error: 'EMFILE: too many open files, watch' })).toEqual({ changes: [], problems: ['the file watcher reported: EMFILE: too many open files, watch'] })
})

test('a saved post is handed on with its kind; a file that is no input is not', () => {
  expect(handle({ event: 'change', file: '/site/content/a.md' })).toEqual({ changes: [{ kind: 'post', event: 'change', path: '/site/content/a.md' }], problems: [] })
  expect(handle({ event: 'add', file: '/site/README.md' })).toEqual({ changes: [], problems: [] })
})
