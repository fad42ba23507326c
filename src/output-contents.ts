import type { OutputFile } from './types.ts'

/**
 * Bytes that a cache keeps in its file until a stage reads them: a build that changed one post reads
 * a few of the thousands of posts' HTML the cache holds. `read` may throw a DamagedCacheError (see
 * build-cache.ts) when the bytes are not those the cache wrote.
 */
export type StoredBytes = { readonly byteLength: number; read(): Uint8Array }

/** What a stage holds of a file or a post's HTML: text, bytes, or bytes still in the cache. */
export type Contents = string | Uint8Array | StoredBytes

/** The bytes of an output file: made in memory, or kept on disk by a cache until a stage needs them. */
export function contentsOf(file: Pick<OutputFile, 'contents' | 'load'>): string | Uint8Array {
  return file.contents ?? file.load?.() ?? ''
}

/** Text as it is, bytes decoded as UTF-8 (read in place, never copied first). */
export function asText(value: Contents): string {
  if (typeof value === 'string') return value
  const bytes = asBytes(value)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
}

/** Bytes as they are, text encoded as UTF-8. */
export function asBytes(value: Contents): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value) : value instanceof Uint8Array ? value : value.read()
}
