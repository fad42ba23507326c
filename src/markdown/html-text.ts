/** A post's HTML as text, whether markdown has just made it or it comes as the bytes of a cache entry. */
export function htmlText(page: { html: string | Uint8Array }): string {
  const { html } = page
  return typeof html === 'string' ? html : Buffer.from(html.buffer, html.byteOffset, html.byteLength).toString('utf8')
}
