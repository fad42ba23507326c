import path from 'node:path'
import { normalizeUri } from 'micromark-util-sanitize-uri'
import { createDiagnostic } from '../diagnostics.ts'
import { digestOf } from '../digest-files.ts'
import { htmlText } from '../markdown/html-text.ts'
import { fillPostLinkSlots } from '../markdown/post-link-slots.ts'
import { toPosix } from '../paths.ts'
import type { Diagnostic, LinkRef, RenderedPage, Result } from '../types.ts'

/**
 * What a page became once its `.md` links were resolved, by the page markdown made: a rebuild whose
 * linked urls are the same reuses the same page object, so later stages see it unchanged.
 */
export type PostLinkMemo = WeakMap<RenderedPage, { urls: string; page: RenderedPage }>

/**
 * The site stage's half of links to `.md` files: each becomes a link to the page of the post it names,
 * under the base path, and joins the page's links for the anchor check. A link to a file that is no
 * post is an error at the link.
 */
export function resolvePostLinks(pages: readonly RenderedPage[], root: string, base: string, memo?: PostLinkMemo): Result<RenderedPage[]> {
  const urlBySource = new Map(pages.map((page) => [page.source.path, page.url]))
  const diagnostics: Diagnostic[] = []
  const resolved = pages.map((page) => {
    if (page.postLinks.length === 0) return page
    const urls = page.postLinks.map((link) => urlBySource.get(link.file))
    page.postLinks.forEach((link, i) => {
      if (urls[i] !== undefined) return
      const place = link.line ? { line: link.line, column: link.column ?? 1 } : undefined
      diagnostics.push(createDiagnostic(page.source.relPath, 'error', 'link/broken', `link to "${link.url}": there is no post at ${toPosix(path.relative(root, link.file))}`, place, 'link to an existing post, e.g. `volumes.md` for a post beside this one'))
    })
    const key = JSON.stringify(urls)
    const known = memo?.get(page)
    if (known?.urls === key) return known.page
    const links: LinkRef[] = []
    const slots = page.postLinks.map((link, i) => {
      const url = urls[i]
      // A broken link keeps what the author wrote.
      if (url === undefined) return { slot: link.slot, href: normalizeUri(link.url) }
      const target = `/${url}${link.fragment}`
      links.push({ url: target, ...(link.line ? { line: link.line, column: link.column ?? 1 } : {}) })
      return { slot: link.slot, href: base + normalizeUri(target).slice(1) }
    })
    const text = fillPostLinkSlots(htmlText(page), slots)
    // Bytes stay bytes (see RenderedPage.html).
    const html = typeof page.html === 'string' ? text : new Uint8Array(Buffer.from(text))
    const filled: RenderedPage = { ...page, html, htmlDigest: digestOf(text), links: [...page.links, ...links] }
    memo?.set(page, { urls: key, page: filled })
    return filled
  })
  return { value: resolved, diagnostics }
}
