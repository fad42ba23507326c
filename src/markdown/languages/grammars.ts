import { createRequire } from 'node:module'
import type { LanguageFn } from 'highlight.js'
import { createLowlight } from 'lowlight'
import type { Root } from 'hast'
import hcl from './hcl.ts'
import known from './highlight-languages.json' with { type: 'json' }
import type { LanguageIndex } from './language-index.ts'

const INDEX: LanguageIndex = known

/** Grammars berth ships itself, for languages highlight.js has none of. */
const OWN_GRAMMARS: Record<string, LanguageFn> = { hcl }

/**
 * What authors write, beyond highlight.js's own aliases: `shell` blocks are commands (GitHub reads them
 * as bash), while highlight.js's `shell` is a session with prompts and output, which authors call `console`.
 */
const AUTHOR_ALIASES: Record<string, string> = {
  shell: 'bash',
  'shell-session': 'shell',
  dotenv: 'bash',
  node: 'javascript',
  nodejs: 'javascript',
  compose: 'yaml',
  'docker-compose': 'yaml',
  containerfile: 'dockerfile',
  jsonc: 'json',
  json5: 'json',
  hcl: 'hcl',
  terraform: 'hcl',
  tf: 'hcl',
  tfvars: 'hcl',
}

/** The grammar for a fence's language as written (`Dockerfile`, `golang`, `ps1`), or undefined when none fits. */
export function grammarOf(language: string): string | undefined {
  const lower = language.toLowerCase()
  return AUTHOR_ALIASES[lower] ?? INDEX.aliases[lower]
}

type Highlighter = ReturnType<typeof createLowlight>

// One highlighter per grammar, holding it and the grammars it embeds and nothing else: a grammar that
// guesses among the registered ones (http's bodies) then guesses the same way in every build and thread.
// Grammars load on first use, so a build pays only for the languages its posts use.
const highlighters = new Map<string, Highlighter>()
const require = createRequire(import.meta.url)

/** Highlight code with a grammar `grammarOf` named. */
export function highlight(grammar: string, code: string): Root {
  let highlighter = highlighters.get(grammar)
  if (!highlighter) {
    highlighter = createLowlight()
    for (const name of withEmbedded(grammar)) highlighter.register(name, OWN_GRAMMARS[name] ?? (require(`highlight.js/lib/languages/${name}`) as LanguageFn))
    highlighters.set(grammar, highlighter)
  }
  return highlighter.highlight(grammar, code)
}

function withEmbedded(grammar: string): string[] {
  const names = new Set<string>()
  const add = (name: string) => {
    if (names.has(name)) return
    names.add(name)
    for (const inner of INDEX.embeds[name] ?? []) add(inner)
  }
  add(grammar)
  return [...names]
}
