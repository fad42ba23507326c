import { z } from 'zod'

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/

/**
 * A calendar date (`2021-05-15`) or a date and time, as written in front matter and the site map: ISO
 * (`2021-05-15T10:00:00+01:00`) or Jekyll's (`2021-05-15 10:00:00 +0100`). A time is read as ISO,
 * so feeds and sorting see one form.
 */
export const isoDateSchema = z
  .string()
  .regex(DATE_TIME, { message: 'expected a date like 2021-05-15', abort: true })
  .refine((value) => isRealDate(value), 'not a real calendar date')
  .transform(normalizeDate)

/** `2021-05-15 10:00:00 +0100` → `2021-05-15T10:00:00+01:00`; a date alone stays as written. */
function normalizeDate(value: string): string {
  const [, day, time, seconds, zone] = DATE_TIME.exec(value)!
  if (!time) return day!
  const offset = zone === undefined || zone === 'Z' ? zone ?? '' : `${zone.slice(0, 3)}:${zone.slice(3).replace(':', '') || '00'}`
  return `${day}T${time}${seconds ?? ':00'}${offset}`
}

function isRealDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/**
 * Order by date, newest first, undated last. ISO dates order as text, compared code unit by code
 * unit: the same on every machine, unlike a locale's collation, and far cheaper.
 */
export function newestFirst(a: string | undefined, b: string | undefined): number {
  const x = a ?? ''
  const y = b ?? ''
  return x < y ? 1 : x > y ? -1 : 0
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * `2021-05-15` → `May 15, 2021`, independent of the machine's time zone and locale: the date as
 * written, in en-US's long form (what `Intl.DateTimeFormat('en-US', { dateStyle: 'long' })` gives, a
 * test checks; taken apart by hand because every list of posts formats each of its dates, and Intl
 * costs a hundred times more).
 */
export function formatDisplayDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number]
  return `${MONTHS[month - 1]} ${day}, ${year}`
}
