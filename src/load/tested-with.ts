import { z } from 'zod'
import type { TextPosition } from './yaml-data.ts'

/**
 * `tested: {docker: "27.3", compose: "2.29"}`: the tools and versions a tutorial was last run with.
 * A number is read as written (`docker: 27` is "27"); quote a version like "24.0", which YAML would
 * read as 24.
 */
export const testedVersionsSchema = z.record(
  z.string().regex(/^[a-z][\w.-]*$/i, 'a tool name such as docker or compose'),
  z.union([z.string().regex(/^v?\d+(\.\d+)*([-+][\w.-]*)?$/, 'a version such as "27.3" or "2.29.1"'), z.number().nonnegative()]).transform(String),
)

export type TestedVersions = Record<string, string>

/** A page's tested versions and where they were written: its front matter, or a site map entry it belongs to. */
export type TestedWith = { versions: TestedVersions; file: string; position: TextPosition }

/** The major version of `v27.3.1` (27), or undefined for a version with none. */
export function majorOf(version: string): number | undefined {
  const match = /^v?(\d+)/.exec(version)
  return match ? Number(match[1]) : undefined
}
