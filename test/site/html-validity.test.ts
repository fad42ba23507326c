import path from 'node:path'
import { expect, test } from 'vitest'
import { validateHtml } from '../helpers/html-validate.ts'
import { buildInMemory } from '../helpers/temp-site.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

test('every page of the bundled site is valid HTML', { timeout: 60_000 }, async () => {
  const { result, files, text } = await buildInMemory(ROOT)
  expect(result.ok).toBe(true)
  const pages = [...files.keys()].filter((file) => file.endsWith('.html'))
  expect(pages.length).toBeGreaterThanOrEqual(3)
  for (const file of pages) expect(await validateHtml(text(file), file)).toEqual([])
})
