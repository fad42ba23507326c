/** What the words after a fence's language say: ```` ```dockerfile title="Dockerfile" fragment ````. */
export type CodeMeta = {
  /** Shown above the block. */
  title?: string
  /** A root shell's `console` session, where `# ` is the prompt. */
  root: boolean
  /** Part of a file, not all of it: the build's Dockerfile and Compose checks skip it. */
  fragment: boolean
}

const TITLE = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/

export function parseCodeMeta(meta: string | null | undefined): CodeMeta {
  const text = meta ?? ''
  const match = TITLE.exec(text)
  const words = new Set(text.replace(TITLE, ' ').split(/\s+/).filter(Boolean))
  const title = match ? (match[1] ?? match[2] ?? match[3]) : undefined
  return { ...(title !== undefined ? { title } : {}), root: words.has('root'), fragment: words.has('fragment') }
}
