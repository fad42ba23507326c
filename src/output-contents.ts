import type { OutputFile } from './types.ts'

/** The bytes of an output file: made in memory, or kept on disk by a cache until a stage needs them. */
export function contentsOf(file: Pick<OutputFile, 'contents' | 'load'>): string | Uint8Array {
  return file.contents ?? file.load?.() ?? ''
}

/** Text as it is, bytes decoded as UTF-8 (read in place, never copied first). */
export function asText(value: string | Uint8Array): string {
  return typeof value === 'string' ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8')
}

/** Bytes as they are, text encoded as UTF-8. */
export function asBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value) : value
}
