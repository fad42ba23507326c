import type { Position } from 'unist'

/** Anything with a source position: a node, or a point found inside one. */
export type Located = { position?: Position | undefined }
import type { VFile } from 'vfile'

/** Report an error on a vfile at a node, under a berth rule id (`image/missing`), without throwing. */
export function reportError(file: VFile, node: Located | undefined, ruleId: string, reason: string, hint?: string): void {
  const [source, rule] = ruleId.split('/') as [string, string]
  const message = file.message(reason, { place: node?.position, ruleId: rule, source })
  message.fatal = true
  if (hint) message.note = hint
}

/** Report a warning on a vfile at a node, under a berth rule id. */
export function reportWarning(file: VFile, node: Located | undefined, ruleId: string, reason: string, hint?: string): void {
  const [source, rule] = ruleId.split('/') as [string, string]
  const message = file.message(reason, { place: node?.position, ruleId: rule, source })
  if (hint) message.note = hint
}
