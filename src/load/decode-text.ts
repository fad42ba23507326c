/** Why a file's bytes are not usable markdown text. */
export type DecodeProblem = { ruleId: 'content/not-utf8' | 'content/binary' | 'content/empty'; message: string; hint: string }

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * Decode a markdown file's bytes: strict UTF-8, byte-order mark dropped and CRLF/CR line endings turned
 * into LF, so a Windows-edited post reads exactly like its LF twin (same lines, same columns).
 */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: DecodeProblem } {
  if (bytes.includes(0)) {
    return { problem: { ruleId: 'content/binary', message: 'file holds binary data (NUL bytes), not markdown text', hint: 'move non-markdown files out of content/ or give them another extension' } }
  }
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    return { problem: { ruleId: 'content/not-utf8', message: 'file is not valid UTF-8 text', hint: 'save the file with UTF-8 encoding in your editor' } }
  }
  text = text.replace(/\r\n?/g, '\n')
  if (text.trim() === '') {
    return { problem: { ruleId: 'content/empty', message: 'file is empty', hint: 'write the post, or delete the file' } }
  }
  return { text }
}
