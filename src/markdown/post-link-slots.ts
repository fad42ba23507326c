import { createHash } from 'node:crypto'

/**
 * A link to another post's `.md` source is resolved once every post's url is known, in the site stage,
 * so that a post's markdown depends on its own text alone. Markdown writes a slot into the href instead,
 * and the site stage replaces it. A slot names a digest of the post's own text: no post can contain the
 * digest of itself, so no text an author writes, raw HTML included, is ever taken for a slot.
 */
export function createPostLinkSlots(text: string): (index: number) => string {
  const nonce = nonceOf(text)
  // No colon: a relative url, which sanitizing keeps (it drops unknown schemes).
  return (index) => `berth-post-link-${nonce}-${index}`
}

/**
 * What stands in a post's markdown twin for what only the site stage knows: the site's origin (before
 * a root-relative url) and the page's own url (before a `#fragment`). Made the way slots are.
 */
export function createTwinTokens(text: string): { origin: string; page: string } {
  const nonce = nonceOf(text)
  return { origin: `berth-origin-${nonce}`, page: `berth-page-${nonce}` }
}

function nonceOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 20)
}

/** The HTML with each slot (as markdown wrote it) replaced by its href, escaped for an attribute value. */
export function fillPostLinkSlots(html: string, slots: readonly { slot: string; href: string }[]): string {
  if (slots.length === 0) return html
  const hrefs = new Map(slots.map(({ slot, href }) => [slot, href.replace(/&/g, '&#x26;').replace(/"/g, '&#x22;')]))
  // One pass over the page, however many links it has: every slot of a post shares its prefix.
  const prefix = slots[0]!.slot.replace(/\d+$/, '')
  return html.replace(new RegExp(`${prefix}\\d+`, 'g'), (slot) => hrefs.get(slot) ?? slot)
}
