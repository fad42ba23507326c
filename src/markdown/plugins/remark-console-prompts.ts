import type { Code, Root } from 'mdast'
import type { VFile } from 'vfile'
import { parseCodeMeta } from '../code-meta.ts'
import { reportWarning } from '../report.ts'
import { visit } from '../visit-tree.ts'

/** The names that promise a terminal session, prompts and output together (not `shell`, which authors use for scripts). */
const SESSIONS = new Set(['console', 'shell-session', 'shellsession'])

/**
 * A `console` block shows commands behind a `$ ` prompt and their output without one; with no prompt
 * at all the reader cannot tell which lines to type, and the copy button would copy nothing. Such a
 * block is a warning at its fence.
 */
export default function remarkConsolePrompts() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'code', (code: Code) => {
      const language = code.lang?.toLowerCase()
      if (!language || !SESSIONS.has(language) || code.value.trim() === '') return
      const { root } = parseCodeMeta(code.meta)
      const prompt = root ? /^(\$|#)(\s|$)/m : /^\$(\s|$)/m
      if (prompt.test(code.value)) return
      reportWarning(
        file,
        code,
        'code/console-without-prompt',
        `this ${code.lang} block has no ${root ? '"$ " or "# "' : '"$ "'} prompt: readers cannot tell the commands from their output, and its copy button copies nothing`,
        `start each command with "$ " (or "# " in a block marked \`${code.lang} root\`), or mark a script as bash`,
      )
    })
  }
}
