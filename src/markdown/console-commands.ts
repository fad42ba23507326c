const USER_PROMPT = /^\$\s?/
const ROOT_PROMPT = /^#\s/
// The shell's prompt for the next line of an unfinished command (a heredoc, an open quote).
const CONTINUATION_PROMPT = /^>\s?/

/**
 * What a reader pasting a `console` block into a terminal needs: the commands with their `$ ` prompts
 * stripped, output left out, and the lines that continue a command (after a trailing `\`, or behind a
 * `> ` prompt) kept. A line starting `# ` is output (a comment, a metric) unless the block is marked
 * as a root session (```` ```console root ````), where `# ` is the prompt.
 */
export function consoleCommands(session: string, options: { root?: boolean } = {}): string {
  const commands: string[] = []
  let continuing = false
  let inCommand = false
  for (const line of session.replace(/\n$/, '').split('\n')) {
    const prompt = USER_PROMPT.exec(line) ?? (options.root ? ROOT_PROMPT.exec(line) : null)
    if (continuing) commands.push(line)
    else if (prompt) commands.push(line.slice(prompt[0].length))
    else if (inCommand && CONTINUATION_PROMPT.test(line)) commands.push(line.replace(CONTINUATION_PROMPT, ''))
    else {
      inCommand = false
      continue
    }
    inCommand = true
    continuing = /\\$/.test(line)
  }
  return commands.join('\n')
}
