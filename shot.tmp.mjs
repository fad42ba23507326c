import { chromium } from 'playwright-core'
const [origin, ...jobs] = process.argv.slice(2)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
for (const job of jobs) {
  const [pathname, width, scheme, out, selector] = job.split(',')
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, colorScheme: scheme })
  await page.goto(origin + pathname, { waitUntil: 'networkidle' })
  if (selector) await page.locator(selector).first().scrollIntoViewIfNeeded()
  await page.screenshot({ path: out, fullPage: !selector })
  const broken = await page.evaluate(() => [...document.images].filter((i) => i.complete && i.naturalWidth === 0).map((i) => i.currentSrc || i.src))
  console.log(out, 'broken images:', JSON.stringify(broken))
  await page.close()
}
await browser.close()
