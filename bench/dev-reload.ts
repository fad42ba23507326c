/// <reference lib="dom" />
// Measures berth dev's edit-to-reload: from saving one post of a 1,000-post site to the open page in
// headless chromium having received the new HTML. Prints the median of 20 saves. Run: npm run bench:dev
import { readFile, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import path from 'node:path'
import { dev } from '../src/dev/dev.ts'
import { launchBrowser } from '../test/helpers/browser.ts'
import { makeCorpusSite, median } from './corpus.ts'

const POSTS = Number(process.env.BENCH_POSTS ?? 1000)
const SAVES = 20

const root = await makeCorpusSite(POSTS)
const started = performance.now()
const server = await dev({ root, port: 0, out: process.env.BENCH_VERBOSE ? console.error : () => undefined, err: () => undefined })
if ('failed' in server) throw new Error('the corpus does not build')
const firstBuild = performance.now() - started
const file = (await import('node:fs/promises')).readdir(path.join(root, 'content')).then((names) => path.join(root, 'content', names.sort()[0]!))
const postFile = await file
const original = await readFile(postFile, 'utf8')
const url = `${server.url}${/^url: (.*)$/m.exec(original)![1]}/`

const browser = await launchBrowser()
const page = await browser.newPage()
await page.goto(url)
await page.waitForFunction(() => document.documentElement.dataset.berthLive === 'connected')

const samples: number[] = []
try {
  for (let i = 1; i <= SAVES; i++) {
    const marker = `bench-edit-${i}`
    const savedAt = Date.now()
    await writeFile(postFile, original.replace(/\n\n<toc>\n/, `\n\n${marker}\n\n<toc>\n`))
    await page.waitForFunction((m) => document.body.innerText.includes(m) && document.documentElement.dataset.berthLive === 'connected', marker, { polling: 'raf', timeout: 10_000 })
    // When the reloaded document's HTML finished arriving, on the same clock as the save.
    const htmlAt = await page.evaluate(() => performance.timeOrigin + (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd)
    samples.push(htmlAt - savedAt)
    await new Promise((resolve) => setTimeout(resolve, 150))
  }
} finally {
  await writeFile(postFile, original)
  await browser.close()
  await server.close()
}
console.log(`berth dev, ${POSTS} posts, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'})`)
console.log(`first build (in memory): ${Math.round(firstBuild)} ms`)
console.log(`save → new HTML in the browser: median ${median(samples).toFixed(1)} ms over ${SAVES} saves (min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})`)
