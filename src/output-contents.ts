import type { OutputFile } from './types.ts'

/** The bytes of an output file: made in memory, or kept on disk by a cache until a stage needs them. */
export function contentsOf(file: Pick<OutputFile, 'contents' | 'load'>): string | Uint8Array {
  return file.contents ?? file.load?.() ?? ''
}
