// Writes src/markdown/languages/highlight-languages.json from the installed highlight.js, so a build
// knows every grammar's aliases without loading the grammars. Run after upgrading highlight.js:
// npm run languages (a test fails while the file is out of date).
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { readLanguageIndex } from '../src/markdown/languages/language-index.ts'

const file = path.resolve(import.meta.dirname, '../src/markdown/languages/highlight-languages.json')
writeFileSync(file, `${JSON.stringify(readLanguageIndex(), null, 1)}\n`)
console.log(`wrote ${path.relative(process.cwd(), file)}`)
