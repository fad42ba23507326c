import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { consoleCommands } from '../../src/markdown/console-commands.ts'
import { renderSnippet } from '../helpers/markdown.ts'

test.for([
  ['bash', 'docker run --rm nginx # start it'],
  ['sh', 'echo "hi" # greet'],
  ['shell', 'export PORT=8080 # port'],
  ['console', '$ docker ps\nCONTAINER ID'],
  ['dockerfile', 'FROM node:20\nRUN npm ci'],
  ['yaml', 'services:\n  web:\n    image: nginx'],
  ['yml', 'ports: ["8080:80"]'],
  ['json', '{"name": "app", "port": 8080}'],
  ['python', 'def main():\n    return 42'],
  ['javascript', 'const port = 8080'],
  ['js', 'const port = 8080'],
  ['typescript', 'const port: number = 8080'],
  ['ts', 'let x: string = "a"'],
  ['ini', '[server]\nport = 8080'],
  ['toml', '[server]\nport = 8080'],
  ['diff', '--- a/Dockerfile\n+++ b/Dockerfile\n-FROM node:18\n+FROM node:20'],
] as const)('```%s is highlighted at build time', ([language, code]) => {
  const { html, diagnostics } = renderSnippet(`\`\`\`${language}\n${code}\n\`\`\``)
  expect(diagnostics).toEqual([])
  const $ = load(html)
  expect($('pre code').hasClass('hljs')).toBe(true)
  expect($('pre code span[class^="hljs-"]').length).toBeGreaterThan(0)
})

test('a title shows above the block, and the copy button carries the code', () => {
  const $ = load(renderSnippet('```dockerfile title="Dockerfile"\nFROM node:20\nRUN npm ci\n```').html)
  expect($('figure.code-block > figcaption.code-title').text()).toBe('Dockerfile')
  expect($('figure.code-block > button.copy-button').attr('data-copy')).toBe('FROM node:20\nRUN npm ci')
  expect($('button.copy-button').attr('aria-label')).toBe('Copy Dockerfile')
  // Shown by the page script only: no dead button with JavaScript off.
  expect($('button.copy-button').attr('hidden')).toBeDefined()
  // Its label is not part of the post's text for search.
  expect($('button.copy-button').attr('data-pagefind-ignore')).toBe('')
})

test('a console block copies only the commands: prompts stripped, output left out, continuations kept', () => {
  const session = '```console\n$ docker run --rm \\\n    -p 8080:80 \\\n    nginx:1.25\nUnable to find image locally\n# apt-get update\nReading package lists...\n$ docker ps\nCONTAINER ID   IMAGE\n```'
  const $ = load(renderSnippet(session).html)
  // `# apt-get update` is output here (a comment, a metric): only a root session's `# ` is a prompt.
  expect($('button.copy-button').attr('data-copy')).toBe('docker run --rm \\\n    -p 8080:80 \\\n    nginx:1.25\ndocker ps')
  expect($('pre code').text()).toContain('Unable to find image locally')
  const root = load(renderSnippet(session.replace('```console', '```console root')).html)
  expect(root('button.copy-button').attr('data-copy')).toBe('docker run --rm \\\n    -p 8080:80 \\\n    nginx:1.25\napt-get update\ndocker ps')
})

test.for([
  ['$ docker ps', 'docker ps'],
  ['$docker ps\noutput', 'docker ps'],
  ['no prompt at all', ''],
  ['% ls\n> echo hi', ''],
  ['# HELP http_requests_total\n$ curl localhost:9090', 'curl localhost:9090'],
  ['$ cat <<EOF > app.env\n> PORT=80\n> EOF\nfile written\n> not a prompt', 'cat <<EOF > app.env\nPORT=80\nEOF'],
] as const)('consoleCommands(%j) is %j', ([session, commands]) => {
  expect(consoleCommands(session)).toBe(commands)
})

test('an unknown language is plain text with a warning at its line', () => {
  const { html, diagnostics } = renderSnippet('Intro.\n\n```klingon\nqapla\n```\n\n```text\nplain\n```')
  expect(load(html)('pre code span')).toHaveLength(0)
  expect(diagnostics).toEqual([expect.objectContaining({ line: 3, severity: 'warning', ruleId: 'code/unknown-language', message: expect.stringContaining('"klingon"') })])
})

test('a code block without a language still gets a copy button', () => {
  const $ = load(renderSnippet('```\nplain words\n```').html)
  expect($('button.copy-button').attr('data-copy')).toBe('plain words')
})
