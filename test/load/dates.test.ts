import { expect, test } from 'vitest'
import { formatDisplayDate, newestFirst } from '../../src/load/dates.ts'

test('newestFirst puts later dates and times first and undated pages last', () => {
  const dates = ['2021-05-15', '2023-01-02T08:30', '2023-01-02', '2022-12-31T23:59:59Z', '2023-01-02T08:05']
  expect([...dates].sort(newestFirst)).toEqual(['2023-01-02T08:30', '2023-01-02T08:05', '2023-01-02', '2022-12-31T23:59:59Z', '2021-05-15'])
  expect(newestFirst('2021-05-15', '2021-05-15')).toBe(0)
  // (Array sort keeps undefined out of the comparison, so the comparator is asked directly.)
  expect(newestFirst(undefined, '2021-05-15')).toBeGreaterThan(0)
  expect(newestFirst('2021-05-15', undefined)).toBeLessThan(0)
})

test('display dates are in English whatever the machine, and ignore the time of day', () => {
  expect(formatDisplayDate('2021-05-15T23:30:00+05:00')).toBe('May 15, 2021')
})

test('display dates read as en-US long dates do, for every day of the years around leap days and centuries', () => {
  const intl = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' })
  for (const year of [1999, 2000, 2023, 2024, 2100]) {
    for (let day = new Date(Date.UTC(year, 0, 1)); day.getUTCFullYear() === year; day = new Date(day.getTime() + 86_400_000)) {
      expect(formatDisplayDate(day.toISOString().slice(0, 10))).toBe(intl.format(day))
    }
  }
})
