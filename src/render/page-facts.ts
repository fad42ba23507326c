/** What the whole-site stages need to know of a rendered page, read once when it is rendered and kept with it in the page cache. */
export type PageFacts = {
  /** Whether the search index takes the page: it has a `data-pagefind-body` part. */
  searchable: boolean
  /** The urls the layout put around the post's body (navigation, stylesheets, scripts), for the layout link check. */
  layoutUrls: string[]
  /** The urls anywhere in the page that may name a file (not a page or an anchor), for the unused-assets check. */
  fileUrls: string[]
}

const LINK_ATTRIBUTE = /\s(?:href|src)="([^"]*)"/g
/** Meta `content` counts too when it holds a url: a share card names its image there. */
const FILE_ATTRIBUTE = /\s(?:href|src)="([^"]+)"|\scontent="((?:\/|\.\.?\/|[a-z][a-z0-9+.-]*:\/\/)[^"]*)"/g

/** Read a page's facts from its HTML; `bodyHtml` is the post's own HTML, whose links were checked at their markdown lines. */
export function readPageFacts(html: string, bodyHtml: string | undefined): PageFacts {
  const at = bodyHtml ? html.indexOf(bodyHtml) : -1
  const layoutHtml = at === -1 ? html : html.slice(0, at) + html.slice(at + bodyHtml!.length)
  const layoutUrls = new Set<string>()
  for (const match of layoutHtml.matchAll(LINK_ATTRIBUTE)) {
    const url = decodeAttribute(match[1]!)
    if (url !== '' && !url.startsWith('#') && !url.startsWith('data:')) layoutUrls.add(url)
  }
  const fileUrls = new Set<string>()
  for (const match of html.matchAll(FILE_ATTRIBUTE)) {
    const url = (match[1] ?? match[2]!).replace(/&amp;/g, '&')
    // Most urls on a page are links to pages and anchors (every list of posts), which are never files.
    if (!url.endsWith('/') && !url.startsWith('#')) fileUrls.add(url)
  }
  return { searchable: html.includes('data-pagefind-body'), layoutUrls: detached([...layoutUrls]), fileUrls: detached([...fileUrls]) }
}

/**
 * Copies of strings cut from a page: V8 keeps a match of a regular expression as a slice of the text
 * it was found in, so facts kept for the whole build would keep every page's text alive with them
 * (50 MB at 4,000 posts). A trip through JSON makes each string its own.
 */
function detached(strings: string[]): string[] {
  return JSON.parse(JSON.stringify(strings)) as string[]
}

/** Facts as read back from a cache: undefined unless every field has its type. */
export function checkPageFacts(value: unknown): PageFacts | undefined {
  const facts = value as PageFacts
  const strings = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'string')
  return typeof facts?.searchable === 'boolean' && strings(facts.layoutUrls) && strings(facts.fileUrls) ? facts : undefined
}

function decodeAttribute(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
}
