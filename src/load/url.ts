import { isExternalUrl } from '../paths.ts'

/** Why a page url cannot be used. */
export type UrlProblem = { message: string; hint: string }

/**
 * Normalise a page url from front matter or the site map: no leading slash, a trailing slash unless it is
 * the home page (``), so `ml-skills/docker/introduction` becomes `ml-skills/docker/introduction/`.
 * Urls that could leave the output folder once decoded (`..`, `%2e%2e`, backslashes, NUL) are refused.
 */
export function normalizePageUrl(raw: string): { url: string } | { problem: UrlProblem } {
  const trimmed = raw.trim()
  if (isExternalUrl(trimmed)) {
    return { problem: { message: `url "${raw}" is not a path on this site`, hint: 'write a site path such as `ml-skills/docker/introduction`' } }
  }
  if (/[?#]/.test(trimmed)) {
    return { problem: { message: `url "${raw}" holds a query or fragment`, hint: 'a page url is a path only; remove the `?…` or `#…` part' } }
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(trimmed)
  } catch {
    return { problem: { message: `url "${raw}" has malformed percent-encoding`, hint: 'write the url without `%` escapes' } }
  }
  if (decoded.includes('\\') || decoded.includes('\0')) {
    return { problem: { message: `url "${raw}" holds a backslash or NUL character`, hint: 'use forward slashes between url segments' } }
  }
  const segments = decoded.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..' || s === '.')) {
    return { problem: { message: `url "${raw}" leaves its folder (it holds a "." or ".." segment), so the page would land outside the output folder`, hint: 'write the full path from the site root, e.g. `ml-skills/docker/volumes`' } }
  }
  return { url: segments.length === 0 ? '' : `${segments.join('/')}/` }
}

/**
 * The url a content file gets from its place under content/: `a/b.md` → `a/b/`; a folder's index,
 * `index.md` or `README.md` in any case, stands for its folder (`a/README.md` → `a/`), as on GitHub.
 */
export function urlFromContentPath(relToContent: string): string {
  const segments = relToContent.split('/').filter((s) => s !== '')
  if (segments.length > 0 && isFolderIndex(segments.at(-1)!)) segments.pop()
  else if (segments.length > 0) segments[segments.length - 1] = segments.at(-1)!.replace(/\.md$/i, '')
  return segments.length === 0 ? '' : `${segments.join('/')}/`
}

/** `README.md`, `readme.md`, `index.md`: the file GitHub (or berth) shows for its folder. */
export function isFolderIndex(fileName: string): boolean {
  return /^(?:readme|index)\.md$/i.test(fileName)
}

/** Where a page url is written in the output folder. */
export function outputPathForUrl(url: string): string {
  return `${url}index.html`
}

/** `docker-volumes` → `Docker Volumes`, `01_setup` → `Setup`, for pages with no title anywhere else. */
export function titleFromUrl(url: string): string {
  const last = url.split('/').filter(Boolean).at(-1) ?? ''
  // A numeric prefix orders files in a folder listing, a date prefix names a Jekyll post; neither is part of the title (unless it is all there is).
  const named = last.replace(/^(?:\d{4}-\d{2}-\d{2}|\d+)(?:[._-]+|\s+)(?=\S)/, '')
  return named
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ')
}

/** `ml-skills/docker/introduction/` → `ml-skills/docker/`; a top-level page's parent is the home (``). */
export function parentUrl(url: string): string {
  const segments = url.split('/').filter(Boolean)
  segments.pop()
  return segments.length === 0 ? '' : `${segments.join('/')}/`
}
