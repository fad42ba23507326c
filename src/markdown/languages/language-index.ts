import { createRequire } from 'node:module'

/** What berth knows of highlight.js's grammars without loading them: each one's aliases, and the grammars it embeds. */
export type LanguageIndex = {
  /** Every alias, lower case, to its grammar's name (`golang` → `go`). */
  aliases: Record<string, string>
  /** Grammars that embed others (`xml` → css, javascript), which must be registered with them. */
  embeds: Record<string, string[]>
}

type Mode = { [key: string]: unknown }

/**
 * Read the index from the installed highlight.js by loading every grammar once: what
 * `npm run languages` writes to highlight-languages.json, and what a test compares that file with.
 */
export function readLanguageIndex(): LanguageIndex {
  // highlight.js's grammars are CommonJS modules.
  const hljs = createRequire(import.meta.url)('highlight.js') as { listLanguages(): string[]; getLanguage(name: string): (Mode & { aliases?: string[] }) | undefined }
  const aliases: Record<string, string> = {}
  const embeds: Record<string, string[]> = {}
  for (const name of hljs.listLanguages().sort()) {
    const language = hljs.getLanguage(name)!
    aliases[name] = name
    for (const alias of language.aliases ?? []) aliases[alias.toLowerCase()] ??= name
    const inner = [...embeddedLanguages(language)].filter((other) => other !== name).sort()
    if (inner.length > 0) embeds[name] = inner
  }
  return { aliases: Object.fromEntries(Object.entries(aliases).sort(([a], [b]) => (a < b ? -1 : 1))), embeds }
}

/** Every `subLanguage` named anywhere in a grammar's modes. */
function embeddedLanguages(root: Mode): Set<string> {
  const found = new Set<string>()
  const seen = new Set<unknown>()
  const walk = (value: unknown) => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return
    seen.add(value)
    if (Array.isArray(value)) return value.forEach(walk)
    const mode = value as Mode
    const sub = mode.subLanguage
    for (const name of typeof sub === 'string' ? [sub] : Array.isArray(sub) ? sub : []) found.add(String(name))
    Object.values(mode).forEach(walk)
  }
  walk(root)
  return found
}
