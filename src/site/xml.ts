const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** Escape text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!)
}

/** An ISO date-time for feeds and sitemaps from a front matter date (`2021-05-15` → midnight UTC). */
export function isoDateTime(date: string): string {
  return /T|\s\d/.test(date) ? new Date(date).toISOString() : `${date}T00:00:00Z`
}
