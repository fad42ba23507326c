const PROMPT = /^(?:[$#%>])\s?/

/**
 * What a reader pasting a `console` block into a terminal needs: the commands, prompts (`$ `, `# `)
 * stripped, output lines left out, and lines continuing a command (after a trailing `\`) kept.
 */
export function consoleCommands(session: string): string {
  const commands: string[] = []
  let continuing = false
  for (const line of session.replace(/\n$/, '').split('\n')) {
    if (continuing) commands.push(line)
    else if (PROMPT.test(line)) commands.push(line.replace(PROMPT, ''))
    else continue
    continuing = /\\$/.test(line)
  }
  return commands.join('\n')
}
