/** Where a request points inside the served site, or why it is refused. */
export type RequestTarget =
  | { kind: 'path'; key: string; directory: boolean; urlPath: string }
  | { kind: 'refused'; status: 400 | 404; reason: string }

const MAX_URL_LENGTH = 2048

/**
 * Turn a raw request target (`/docs/a/b/?x#y`) into a key of the output map (`a/b/index.html` style,
 * without the `index.html`). Every segment is decoded once and checked, so `..`, `%2e%2e`, `%2f`,
 * backslashes and NUL can never name a file; nothing here touches the disk.
 */
export function resolveRequestPath(rawUrl: string, base: string): RequestTarget {
  if (rawUrl.length > MAX_URL_LENGTH) return { kind: 'refused', status: 400, reason: 'request path too long' }
  if (!rawUrl.startsWith('/')) return { kind: 'refused', status: 400, reason: 'request target must be a path' }
  const pathname = rawUrl.split(/[?#]/, 1)[0]!
  if (!pathname.startsWith(base) && `${pathname}/` !== base) return { kind: 'refused', status: 404, reason: 'outside the base path' }
  const rest = pathname.slice(base.length)
  const segments: string[] = []
  for (const raw of rest.split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return { kind: 'refused', status: 400, reason: 'malformed percent-encoding' }
    }
    if (segment.includes('\0')) return { kind: 'refused', status: 400, reason: 'NUL in path' }
    if (segment === '' ) continue
    if (segment === '.' || segment === '..' || segment.includes('/') || segment.includes('\\')) return { kind: 'refused', status: 404, reason: 'path leaves the site' }
    segments.push(segment)
  }
  const directory = pathname.endsWith('/') || segments.length === 0
  return { kind: 'path', key: segments.join('/'), directory, urlPath: pathname }
}
