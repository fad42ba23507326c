import type { LanguageFn, Mode } from 'highlight.js'

/**
 * HCL, the language of Terraform and Packer files, which highlight.js does not ship: blocks with
 * labels (`resource "docker_container" "web" {`), attributes, `${…}` interpolation, heredocs, comments.
 */
const hcl: LanguageFn = (hljs) => {
  const interpolation: Mode = { className: 'subst', begin: /\$\{/, end: /\}/, keywords: { literal: 'true false null' } }
  const string: Mode = { className: 'string', begin: /"/, end: /"/, contains: [hljs.BACKSLASH_ESCAPE, interpolation] }
  const heredoc: Mode = { className: 'string', begin: /<<-?\s*(\w+)\s*$/, end: /^\s*\w+\s*$/, contains: [interpolation] }
  interpolation.contains = [string, hljs.C_NUMBER_MODE]
  return {
    name: 'HCL',
    aliases: ['terraform', 'tf', 'tfvars'],
    keywords: { keyword: 'for in if else endif endfor', literal: 'true false null' },
    contains: [
      hljs.HASH_COMMENT_MODE,
      hljs.C_LINE_COMMENT_MODE,
      hljs.C_BLOCK_COMMENT_MODE,
      // A block: its type and its labels, up to the brace.
      { begin: [/^\s*/, /[A-Za-z_][\w-]*/, /(?=(?:\s+"[^"]*")*\s*\{)/], beginScope: { 2: 'keyword' } },
      // An attribute name before `=`.
      { className: 'attr', begin: /[A-Za-z_][\w-]*(?=\s*=(?!=))/ },
      heredoc,
      string,
      hljs.C_NUMBER_MODE,
      { className: 'built_in', begin: /\b(?:var|local|module|data|each|count|path|terraform|self)(?=\.)/ },
    ],
  }
}

export default hcl
