import { describe, expect, test } from 'vitest'
import { renderSnippet } from '../helpers/markdown.ts'

const found = (markdown: string) => renderSnippet(markdown).diagnostics.map((d) => [d.ruleId, d.line, d.column, d.severity])

describe('Dockerfile fences are checked where they are written', () => {
  test('a correct Dockerfile passes', () => {
    expect(found('# A\n\n```dockerfile\nFROM node:20-alpine AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCMD ["npm", "start"]\n```\n')).toEqual([])
  })

  test('each finding is a warning at its line and column in the post, with a permanent rule id and a hint', () => {
    const markdown = ['# A', '', 'Text.', '', '```dockerfile', 'FROM node:20', 'RUNN npm ci', 'MAINTAINER me', 'COPY --chmode=644 a b', 'EXPOSE 80/tcpx', 'WORKDIR app', '```', ''].join('\n')
    expect(found(markdown)).toEqual([
      ['dockerfile/unknown-instruction', 7, 1, 'warning'],
      ['dockerfile/deprecated-maintainer', 8, 1, 'warning'],
      ['dockerfile/unknown-copy-flag', 9, 6, 'warning'],
      ['dockerfile/invalid-proto', 10, 11, 'warning'],
      ['dockerfile/workdir-is-not-absolute', 11, 9, 'warning'],
    ])
    const [unknown, maintainer] = renderSnippet(markdown).diagnostics
    expect(unknown!.message).toBe('Dockerfile: Unknown instruction: RUNN')
    expect(maintainer!.hint).toMatch(/LABEL org\.opencontainers\.image\.authors/)
  })

  test('a missing FROM is found; inside a list item the column counts the indent', () => {
    expect(found('# A\n\n1. Write it:\n\n   ```Dockerfile\n   RUN echo hi\n   ```\n')).toEqual([['dockerfile/no-source-image', 6, 4, 'warning']])
  })

  test('a fence titled Dockerfile is checked whatever its language; a fragment is not', () => {
    expect(found('```text title="Dockerfile.dev"\nRUNN x\n```\n').map((f) => f[0])).toEqual(['dockerfile/no-source-image', 'dockerfile/unknown-instruction'])
    expect(found('```dockerfile fragment\nRUN apt-get install -y curl\n```\n')).toEqual([])
    expect(found('```dockerfile title="Dockerfile" fragment\nRUNN x\n```\n')).toEqual([])
  })
})

describe('console sessions need a prompt', () => {
  test('a console block with no prompt is a warning at its fence; with one, or in a root block with #, it is not', () => {
    expect(found('# A\n\n```console\ndocker ps\nCONTAINER ID   IMAGE\n```\n')).toEqual([['code/console-without-prompt', 3, 1, 'warning']])
    expect(found('```console\n$ docker ps\nCONTAINER ID   IMAGE\n```\n')).toEqual([])
    expect(found('```console root\n# apt-get update\n```\n')).toEqual([])
    expect(found('```shell-session\n# apt-get update\n```\n').map((f) => f[0])).toEqual(['code/console-without-prompt'])
    // `shell` is how many authors mark a script: no prompt expected.
    expect(found('```shell\ndocker ps\n```\n')).toEqual([])
  })
})
