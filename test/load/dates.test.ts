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
