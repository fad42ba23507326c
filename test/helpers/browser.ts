import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { serveStatic } from './static-server.ts'

export const CHROMIUM = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium'

/** Why browser tests cannot run here, or undefined when they can. On CI a missing browser is a failure, not a skip. */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined
  const reason = `${CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium)`
  if (process.env.CI) throw new Error(`browser tests must run on CI: ${reason}`)
  return reason
}

/** Debian's chromium, headless, with a fresh profile and no background network traffic; `close` stops it and removes the profile. */
export async function launchBrowser(): Promise<{ browser: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(path.join(tmpdir(), 'berth-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1000, height: 700 },
  })
  // Removed only after chromium has exited, and awaited: a test file's worker may end as soon as its hooks return.
  const close = async () => {
    await context.close()
    await rm(profile, { recursive: true, force: true, maxRetries: 5 })
  }
  return { browser: context, close }
}

/** A built site served the way any static host would serve it, open in Debian's chromium; `close` stops both. */
export async function serveInBrowser(dir: string, base = '/'): Promise<{ browser: BrowserContext; origin: string; close: () => Promise<void> }> {
  const host = await serveStatic(dir, base)
  const { browser, close: closeBrowser } = await launchBrowser()
  const close = async () => {
    await closeBrowser()
    await host.close()
  }
  return { browser, origin: host.origin, close }
}
