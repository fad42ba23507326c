import { asText } from '../output-contents.ts'
import type { RenderedPage } from '../types.ts'
import { fillPostLinkSlots } from './post-link-slots.ts'

/**
 * A post's HTML as text, whether markdown has just made it or it comes as the bytes of a cache entry,
 * with the hrefs of its links to source paths in place once the site stage has found them.
 */
export function htmlText(page: Pick<RenderedPage, 'html' | 'linkHrefs'>): string {
  const text = asText(page.html)
  return page.linkHrefs ? fillPostLinkSlots(text, page.linkHrefs) : text
}
