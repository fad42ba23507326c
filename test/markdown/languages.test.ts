import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { load } from 'cheerio'
import { expect, test } from 'vitest'
import { readLanguageIndex } from '../../src/markdown/languages/language-index.ts'
import { renderSnippet } from '../helpers/markdown.ts'

const fence = (language: string, code: string) => `\`\`\`${language}\n${code}\n\`\`\`\n`

// Fences as tutorials on GitHub write them: the language as written, and a token its grammar must mark.
const FENCES: [language: string, code: string, token: string, scope: string][] = [
  ['node', 'const app = require("express")()', 'const', 'hljs-keyword'],
  ['go', 'package main\nfunc main() {}', 'func', 'hljs-keyword'],
  ['golang', 'package main', 'package', 'hljs-keyword'],
  ['java', 'public class App {}', 'public', 'hljs-keyword'],
  ['powershell', 'Get-ChildItem -Path C:\\', 'Get-ChildItem', 'hljs-built_in'],
  ['ps1', 'Write-Host "hi"', '"hi"', 'hljs-string'],
  ['groovy', 'def image = "nginx"', 'def', 'hljs-keyword'],
  ['hcl', 'resource "docker_container" "web" {\n  image = "nginx"\n}', 'resource', 'hljs-keyword'],
  ['tf', 'variable "port" {\n  default = 8080\n}', '8080', 'hljs-number'],
  ['Dockerfile', 'FROM node:20\nRUN npm ci', 'FROM', 'hljs-keyword'],
  ['DOCKERFILE', 'FROM alpine', 'FROM', 'hljs-keyword'],
  ['sh', 'echo "$HOME"', 'echo', 'hljs-built_in'],
  ['zsh', 'export PATH', 'export', 'hljs-built_in'],
  ['shell-session', '$ docker ps', 'docker ps', 'bash'],
  ['compose', 'services:\n  web:\n    image: nginx', 'services', 'hljs-attr'],
  ['docker-compose', 'services:\n  db:\n    image: postgres:16', 'image', 'hljs-attr'],
  ['python', 'def main():\n    pass', 'def', 'hljs-keyword'],
  ['rust', 'fn main() {}', 'fn', 'hljs-keyword'],
  ['kotlin', 'fun main() {}', 'fun', 'hljs-keyword'],
  ['nginx', 'server {\n  listen 80;\n}', 'listen', 'hljs-attribute'],
  ['sql', 'SELECT 1;', 'SELECT', 'hljs-keyword'],
]

test.for(FENCES)('a %s fence is highlighted by its grammar, with no warning', ([language, code, token, scope]) => {
  const { html, diagnostics } = renderSnippet(fence(language, code))
  expect(diagnostics).toEqual([])
  const $ = load(html)
  expect($('code').attr('class')).toBe(`hljs language-${language.toLowerCase()}`)
  // The token sits in an element its grammar gave a class (for a session, the bash it embeds).
  const marked = $('code span').filter((_, span) => $(span).text().includes(token))
  expect(marked.map((_, span) => $(span).attr('class')).get().join(' ')).toContain(scope)
})

test('a language no grammar knows stays plain, with a warning at the fence', () => {
  const { html, diagnostics } = renderSnippet(`Text.\n\n${fence('klingon', 'Qapla!')}`)
  expect(load(html)('code span').length).toBe(0)
  expect(diagnostics.map((d) => [d.line, d.column, d.severity, d.ruleId])).toEqual([[3, 1, 'warning', 'code/unknown-language']])
})

test('the language index berth ships is the one the installed highlight.js gives (run `npm run languages` after an upgrade)', () => {
  const shipped = JSON.parse(readFileSync(new URL('../../src/markdown/languages/highlight-languages.json', import.meta.url), 'utf8'))
  expect(shipped).toEqual(readLanguageIndex())
  expect(Object.keys(shipped.aliases).length).toBeGreaterThan(300)
})

test('a build loads only the grammars its fences use (and those they embed)', () => {
  const script = [
    "const { highlight, grammarOf } = await import('./src/markdown/languages/grammars.ts')",
    "highlight(grammarOf('Dockerfile'), 'FROM alpine')",
    "highlight(grammarOf('golang'), 'package main')",
    "const loaded = Object.keys((await import('node:module')).createRequire(import.meta.url).cache).filter((f) => f.includes('highlight.js/lib/languages/')).map((f) => f.split('/').pop()).sort()",
    'console.log(JSON.stringify(loaded))',
  ].join('\n')
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
  expect(JSON.parse(out)).toEqual(['bash.js', 'dockerfile.js', 'go.js'])
})
