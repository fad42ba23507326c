import { expect, test } from 'vitest'
import { parseFrontMatter } from '../../src/load/front-matter.ts'

const frontMatter = (lines: string) => parseFrontMatter({ path: '/site/content/a.md', relPath: 'content/a.md', raw: `---\n${lines}---\n\n# A\n` })

// Each mistake an author makes in front matter, with the one error berth gives: where (the file's line), what, and the fix.
test.for([
  ['a ": " in a plain value', 'url: a\ntitle: Docker: the basics\n', 3, /the value of "title" holds ": "/, 'quote the value: title: "Docker: the basics"'],
  ['a tab as indentation', 'url: a\ntags:\n\t- docker\n', 4, /indented with a tab/, 'replace the tab with spaces (two per level)'],
  ['no space after the colon', 'url: a\ntitle:Docker\n', 3, /YAML needs a space after the colon in "title:Docker"/, 'write title: Docker'],
  ['a line of plain text', 'url: a\njust some words\nlayout: post\n', 3, /"just some words" is not a "key: value" line/, 'write it as key: value; if it continues the value above, put that whole value in quotes on one line'],
  ['a list item out of line', 'tags:\n  - a\n - b\n', 4, /list item is indented differently/, 'indent every "- " item of the list by the same spaces'],
  ['a key indented under a value', 'url: a\n  title: x\n', 3, /line 3 is indented under "url", which already has a value/, 'start line 3 in the same column as "url"'],
  ['a key set twice', 'url: a\ntitle: A\ntitle: B\n', 4, /"title" is set twice \(first on line 3\)/, 'keep one of the two lines'],
  ['an unclosed double quote', 'url: a\ntitle: "Docker basics\nlayout: post\n', 3, /double quote that opens the value of "title" is never closed/, 'end the value with " on the same line'],
  ['an unclosed single quote', "url: a\ntitle: 'Docker basics\nlayout: post\n", 3, /single quote that opens the value of "title" is never closed/, "end the value with ' on the same line"],
  ['an unclosed list', 'url: a\ntags: [docker, compose\nlayout: post\n', 3, /the list opened with "\[" for "tags" is never closed/, 'end it with "]" on the same line, e.g. tags: [docker, compose]'],
  ['a value starting with @', 'url: a\ntitle: @docker tips\n', 3, /the value of "title" starts with "@", which YAML reserves/, 'quote the value: title: "@docker tips"'],
  ['a value starting with a backtick', 'title: `docker run` explained\n', 2, /starts with "`"/, 'quote the value: title: "`docker run` explained"'],
  ['text after a closing quote', 'url: a\ntitle: "Docker" basics\n', 3, /text follows the end of the value of "title" \(the closing quote ends it\)/, 'quote the whole value: title: \'"Docker" basics\''],
  ['text after a closing bracket', 'tags: [a] b\n', 2, /the closing bracket ends it/, 'quote the whole value: tags: "[a] b"'],
  ['emphasis read as an alias', 'url: a\ntitle: *bold* text\n', 3, /starts with "\*", which YAML reads as an anchor or alias/, 'quote the value: title: "*bold* text"'],
  ['a lone alias with no anchor', 'url: a\ntitle: *bold*\n', 3, /"\*bold\*" is read as a YAML alias, and no anchor "&bold\*" comes before it/, 'quote the value when it starts with "*", e.g. title: "*Bold* claims"'],
] as const)('%s is one error in plain words with its fix', ([, yaml, line, message, hint]) => {
  const { diagnostics } = frontMatter(yaml)
  expect(diagnostics).toHaveLength(1)
  expect(diagnostics[0]).toMatchObject({ ruleId: 'front-matter/invalid-yaml', severity: 'error', line, hint })
  expect(diagnostics[0]!.message).toMatch(message)
})
