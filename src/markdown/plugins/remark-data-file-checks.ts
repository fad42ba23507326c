import type { Code, Root } from 'mdast'
import type { VFile } from 'vfile'
import { parse as parseJson, printParseErrorCode, type ParseError } from 'jsonc-parser'
import { parseAllDocuments, parseDocument } from 'yaml'
import { parseCodeMeta } from '../code-meta.ts'
import { type CodeProblem, offsetInCode, pointInCode } from '../code-position.ts'
import { composeProblems, isWholeComposeFile } from '../compose/compose-problems.ts'
import { reportWarning } from '../report.ts'
import { visit } from '../visit-tree.ts'

const COMPOSE_LANGUAGES = new Set(['compose', 'docker-compose'])
const YAML_LANGUAGES = new Set(['yaml', 'yml'])
const JSON_LANGUAGES = new Set(['json', 'jsonc'])
const COMPOSE_FILE = /(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/i
/** Helm charts, Ansible and Go templates: `{{ … }}` outside a `${{ … }}` expression is YAML only once rendered. */
const TEMPLATED = /(^|[^$]){{/
const FRAGMENT = 'or mark a partial file as ```yaml fragment'

/**
 * Readers copy a tutorial's config files as they are: every `yaml` and `json` fence must parse (a
 * warning at the line and column of the first thing that does not), and a Compose file (a ```` ```compose ````
 * fence, one titled `compose.yaml` / `docker-compose.yml`, or a `yaml` one that is a whole Compose
 * file) is validated against the Compose Specification, each finding at the key it is about. JSON may hold comments, as VS Code's
 * settings files do. A block marked `fragment` is not checked.
 */
export default function remarkDataFileChecks() {
  return (tree: Root, file: VFile) => {
    let lines: string[] | undefined
    visit(tree, 'code', (code: Code) => {
      const meta = parseCodeMeta(code.meta)
      if (meta.fragment || code.value.trim() === '') return
      const language = code.lang?.toLowerCase() ?? ''
      const title = meta.title ?? ''
      const compose = COMPOSE_LANGUAGES.has(language) || COMPOSE_FILE.test(title)
      const problems = compose
        ? composeFileProblems(code.value)
        : YAML_LANGUAGES.has(language) || /\.ya?ml$/i.test(title)
          ? yamlProblems(code.value)
          : JSON_LANGUAGES.has(language) || /\.jsonc?$/i.test(title)
            ? jsonProblems(code.value)
            : []
      if (problems.length === 0) return
      // Most posts' config files are clean: the post is split into lines once, and only for one that is not.
      const fileLines = (lines ??= String(file.value).split(/\r?\n/))
      for (const problem of problems) {
        const start = offsetInCode(code, problem.from)
        const end = offsetInCode(code, Math.max(problem.to, problem.from))
        const from = pointInCode(fileLines, code, start.line, start.character)
        const to = pointInCode(fileLines, code, end.line, end.character)
        reportWarning(file, from && to ? { position: { start: from, end: to } } : code, problem.rule, problem.message, problem.hint)
      }
    })
  }
}

function composeFileProblems(text: string): CodeProblem[] {
  if (TEMPLATED.test(text)) return []
  const document = parseDocument(text)
  return document.errors.length > 0 ? syntaxProblems(document.errors) : composeProblems(document)
}

function yamlProblems(text: string): CodeProblem[] {
  if (TEMPLATED.test(text)) return []
  const documents = parseAllDocuments(text)
  const errors = documents.flatMap((document) => document.errors)
  if (errors.length > 0) return syntaxProblems(errors)
  // A whole Compose file is checked as one, whatever the fence says.
  const [only, ...more] = documents
  return only && more.length === 0 && /^services:/m.test(text) && isWholeComposeFile(only) ? composeProblems(only) : []
}

function syntaxProblems(errors: readonly { message: string; pos: [number, number] }[]): CodeProblem[] {
  // One mistake in YAML often breaks the lines after it too: the first is the one to fix.
  const first = errors[0]
  if (!first) return []
  const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '')
  return [{ from: first.pos[0], to: first.pos[1], rule: 'code/yaml-syntax', message: `YAML: ${reason}`, hint: `indent with spaces, the same number at each level, and start list items with "- "; ${FRAGMENT}` }]
}

function jsonProblems(text: string): CodeProblem[] {
  const errors: ParseError[] = []
  parseJson(text, errors, { allowTrailingComma: false, disallowComments: false })
  const first = errors[0]
  if (!first) return []
  const what = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return [{ from: first.offset, to: first.offset + first.length, rule: 'code/json-syntax', message: `JSON: ${what}`, hint: `JSON needs double-quoted keys and strings and a comma between items, none after the last; ${FRAGMENT.replace('yaml', 'json')}` }]
}
