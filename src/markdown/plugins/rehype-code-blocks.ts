import type { Element, ElementContent, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { SKIP, visit } from '../visit-tree.ts'
import type { VFile } from 'vfile'
import { parseCodeMeta } from '../code-meta.ts'
import { consoleCommands } from '../console-commands.ts'
import { grammarOf, highlight } from '../languages/grammars.ts'
import { reportWarning } from '../report.ts'

export type Options = {
  /** Languages written as-is, without a warning. Default: text, plaintext, txt, plain, output, log. */
  plainText?: readonly string[]
}


const DEFAULT_PLAIN = ['text', 'plaintext', 'txt', 'plain', 'output', 'log']

/**
 * Highlight fenced code at build time (no highlighter reaches the browser) and wrap each block in a
 * `<figure>` with its optional title (```` ```dockerfile title="Dockerfile" ````) and a copy button
 * carrying the text to copy; for `console` blocks, only the commands (see console-commands.ts). Unknown languages stay plain,
 * with a warning at the block.
 */
export default function rehypeCodeBlocks(options: Options = {}) {
  const plain = new Set(options.plainText ?? DEFAULT_PLAIN)
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (pre, index, parent) => {
      const code = pre.tagName === 'pre' ? pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code') : undefined
      if (!code || !parent || index === undefined) return
      const written = languageOf(code)
      const text = toString(code)
      const language = written?.toLowerCase()
      const grammar = language ? grammarOf(language) : undefined
      if (language && grammar) {
        code.children = highlight(grammar, text.replace(/\n$/, '')).children as ElementContent[]
        code.properties.className = ['hljs', `language-${language}`]
      } else if (language && !plain.has(language)) {
        reportWarning(file, pre, 'code/unknown-language', `code block language "${written}" is not one berth highlights; shown as plain text`, 'use a language GitHub knows (bash, console, dockerfile, yaml, go, java, powershell, hcl …; every highlight.js language and alias works), or text')
      }
      const meta = typeof code.data === 'object' && code.data && 'meta' in code.data ? String(code.data.meta ?? '') : ''
      const { title, root } = parseCodeMeta(meta)
      // A long line scrolls the block sideways; the keyboard can scroll it only if it can focus it.
      pre.properties.tabIndex = 0
      const copyText = grammar === 'shell' ? consoleCommands(text, { root }) : text.replace(/\n$/, '')
      const figure: Element = {
        type: 'element',
        tagName: 'figure',
        properties: { className: ['code-block'], ...(language ? { dataLanguage: language } : {}) },
        children: [
          ...(title ? [element('figcaption', { className: ['code-title'] }, [{ type: 'text', value: title }])] : []),
          pre,
          // Hidden until the page script makes it work: with JavaScript off there is no dead button.
          element('button', { type: 'button', className: ['copy-button'], dataCopy: copyText, hidden: true, ariaLabel: title ? `Copy ${title}` : 'Copy code', dataPagefindIgnore: '' }, [{ type: 'text', value: 'Copy' }]),
        ],
        ...(pre.position ? { position: pre.position } : {}),
      }
      parent.children[index] = figure
      return [SKIP, index + 1]
    })
  }
}

function languageOf(code: Element): string | undefined {
  const classes = Array.isArray(code.properties.className) ? code.properties.className : []
  const language = classes.map(String).find((c) => c.startsWith('language-'))
  return language?.slice('language-'.length)
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children }
}
