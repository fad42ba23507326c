import path from 'node:path'
import { Liquid } from 'liquidjs'
import { BERTH_ROOT } from '../berth-code.ts'

/** The files `berth init` gives a new site, and the template `berth new` falls back to. */
export const STARTER_DIR = path.join(BERTH_ROOT, 'starter')

/** Starter text is Liquid with plain values (`{{ title | json }}` in JSON files): not HTML, so nothing is escaped. */
const liquid = new Liquid({ strictVariables: true, outputEscape: undefined })

export function fillStarterText(text: string, values: Readonly<Record<string, string>>): Promise<string> {
  return liquid.parseAndRender(text, values)
}

/** Today's date where the author is, as the site map writes dates. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
