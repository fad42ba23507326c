import type { Data, List, Parent } from 'mdast'
import type { Heading, ImageRef, LinkRef, PostLink, TocEntry, TwinTokens } from '../types.ts'

/** The `<nav>` that replaces a `<toc>` directive; remark-rehype turns it into HTML through `data.hName`. */
export interface TocNav extends Parent {
  type: 'tocNav'
  children: List[]
  data?: Data
}

declare module 'mdast' {
  interface RootContentMap {
    tocNav: TocNav
  }
  interface BlockContentMap {
    tocNav: TocNav
  }
}

// Per-file results travel on `vfile.data`, typed here once for every plugin.
declare module 'vfile' {
  interface DataMap {
    /** Every heading with its id, in document order. */
    headings: Heading[]
    /** The heading tree within the configured depths. */
    toc: TocEntry[]
    /** Local images the page shows, resolved and sized. */
    images: ImageRef[]
    links: LinkRef[]
    /** Links to paths in the site's sources, in the order of their slots in the HTML. */
    postLinks: PostLink[]
    /** The post as markdown for AI readers, with tokens for what the site stage fills in (remark-markdown-twin.ts). */
    twin: string
    /** The tokens `twin` holds for the site's origin and the page's url. */
    twinTokens: TwinTokens
    /** Where the leading `#` heading that became the title lay in the post, as offsets. */
    titleSpan: [number, number]
    /** Every element id on the page. */
    ids: string[]
    /** Text of a leading `#` heading, which the page's title replaces. */
    title: string
    /** That heading's id, which the page's title keeps (GitHub links to it, and it counts in the numbering of ids). */
    titleId: string
    /** Plain text of the first paragraph, for meta descriptions. */
    excerpt: string
  }
}
