/** The plain data that flows between berth's build stages (see DESIGN.md). */
import type { PageFacts } from './render/page-facts.ts'
import type { TestedWith } from './load/tested-with.ts'
import type { Contents } from './output-contents.ts'

export type Severity = 'error' | 'warning'

/** A problem found in the site's input, pinned to a file and, where known, a line and column. */
export type Diagnostic = {
  /** Path relative to the site root, with forward slashes. */
  file: string
  line?: number
  column?: number
  severity: Severity
  /** Permanent `area/problem` id, listed in the README. */
  ruleId: string
  message: string
  /** How to fix it. */
  hint?: string
}

/** A stage's value together with the problems it found. */
export type Result<T> = { value: T; diagnostics: Diagnostic[] }

export type SourceFile = {
  /** Absolute path on disk. */
  path: string
  /** Path relative to the site root, with forward slashes (`content/a/b.md`). */
  relPath: string
  /** Decoded text: byte-order mark removed, line endings normalised to LF. */
  raw: string
}

export type FrontMatter = {
  url?: string
  layout?: string
  title?: string
  date?: string
  updated?: string
  description?: string
  tags?: string[]
  draft?: boolean
  order?: number
  /** The tools and versions the post was last run with: `{docker: "27.3"}` (see load/tested-with.ts). */
  tested?: Record<string, string>
}

export type Page = {
  source: SourceFile
  data: FrontMatter
  /** The markdown with the front matter blanked out, so positions count the source file's lines. */
  body: string
  /** Site-relative url path without leading slash, ending in `/` unless it is the home (``). */
  url: string
  /** Output path relative to the output folder (`a/b/index.html`). */
  outputPath: string
  layout: string
  /** Title from front matter or the site map; the first `#` heading or the url fill it in later. */
  title?: string
  date?: string
  tags: string[]
  /** The versions the post was tested with, from its front matter or its site map entry (or series). */
  tested?: TestedWith
  /** The line and column of a front matter key, for diagnostics about its value. */
  keyPositions: Partial<Record<keyof FrontMatter, { line: number; column: number }>>
}

export type Heading = { depth: number; text: string; id: string }

export type TocEntry = { id: string; text: string; depth: number; children: TocEntry[] }

export type ImageRef = {
  /** The URL the page uses, before the base path is applied (`/assets/x.png`). */
  url: string
  /** Absolute path of the file on disk. */
  path: string
  width: number
  height: number
  /** The file's format as image-size names it (`png`, `jpg`, `svg` …), its size in bytes and a digest of its bytes. */
  format?: string
  bytes?: number
  digest?: string
}

export type LinkRef = {
  url: string
  /** The link as the author wrote it, where `url` is what berth resolved it to (`setup.md#x` → `/setup/#x`). */
  written?: string
  line?: number
  column?: number
}

/**
 * A link to a path in the site's sources (`volumes.md#usage`, `../labs/`, `diagram.pdf`, `/docker/x.md`),
 * `url` as written: the site stage resolves it as GitHub would, against the post's folder, and fills
 * in the href.
 */
export type PostLink = LinkRef & {
  /** Absolute path the link names: from the post's folder, or for `/…`, from the content folder. */
  file: string
  /** The decoded path as written, when it starts with `/` (GitHub reads it from the repository's root). */
  rooted?: string
  /** `?query#fragment` as written, or ``. */
  suffix: string
  /** What stands in the HTML's href until the site stage fills it in (see post-link-slots.ts). */
  slot: string
}

/** A link's slot in a post's HTML and the href it stands for. */
export type LinkHref = { slot: string; href: string }

/** The tokens of a markdown twin (see post-link-slots.ts). */
export type TwinTokens = { origin: string; page: string }

export type RenderedPage = Page & {
  title: string
  /** The id of the leading `#` heading the title replaced, which the title's `<h1>` keeps. */
  titleId?: string
  /**
   * The post's own HTML: text when this thread's markdown has just made it, UTF-8 bytes when it comes
   * from a worker thread, bytes still in the cache's file when it comes from the cache. Read through
   * `htmlText`: most builds need the text of only a few posts.
   */
  html: Contents
  /**
   * The hrefs the site stage found for the post's links to source paths, one per slot in `html`:
   * `htmlText` puts them in place, so only the pages that are read pay for it.
   */
  linkHrefs?: readonly LinkHref[]
  /** A digest of the HTML's text (links filled in): what the page cache keys on instead of the text. */
  htmlDigest: string
  /** Plain-text summary for meta descriptions. */
  excerpt: string
  headings: Heading[]
  toc: TocEntry[]
  links: LinkRef[]
  /** Links to paths in the site's sources; the site stage resolves them into `html` and `links`. */
  postLinks: PostLink[]
  /** Every element id on the page (headings, footnotes, raw HTML), for anchor checks. */
  ids: string[]
  /** Words of prose and code, for the reading time. */
  wordCount: number
  /**
   * The post as markdown (`…/index.md`), with tokens and slots for the urls that renderMarkdownTwins
   * fills in when the twin is written (see markdown-twins.ts). Text, or its UTF-8 bytes like `html`:
   * only the twins written are decoded.
   */
  twin: Contents
  /** A digest of `twin` as markdown made it: with the hrefs and the site's url, it names the published twin without making it. */
  twinDigest: string
  /** What stands in `twin` for the site's origin and the page's own url until the site stage fills them in. */
  twinTokens: TwinTokens
  images: ImageRef[]
}

export type OutputFile = {
  /** Path relative to the output folder, forward slashes. */
  path: string
  contents?: string | Uint8Array
  /** Copy this file from disk instead of writing `contents`. */
  from?: string
  /**
   * `digestOf(contents)`, when the stage that made the file already knows it (later stages reuse it);
   * for a file whose bytes follow from a few inputs (a markdown twin), a digest of those instead: equal
   * digests always mean equal bytes, which is all the writer and the dev server ask of it.
   */
  digest?: string
  /** Reads the contents when a cache kept them aside (a page from the page cache): only the stages that need the bytes do. Read through `contentsOf`. */
  load?: () => string | Uint8Array
  /** On HTML pages: what the search index and the whole-site checks need to know of the page. */
  page?: PageFacts
}
