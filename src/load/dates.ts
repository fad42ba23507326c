import { z } from 'zod'

/** A calendar date (`2021-05-15`) or an ISO date-time, as written in front matter and the site map. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/, { message: 'expected a date like 2021-05-15', abort: true })
  .refine((value) => isRealDate(value), 'not a real calendar date')

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
