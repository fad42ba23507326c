/// <reference lib="dom" />
// berth dev's edit-to-reload: from saving one post of a generated site to the open page in headless
// chromium having received the new HTML. `npm run bench` measures it at each size; `npm run bench:dev`
// alone prints the median of 20 saves at 1,000 posts (BENCH_POSTS to change it).
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import path from 'node:path'
import { dev } from '../src/dev/dev.ts'
import { launchBrowser } from '../test/helpers/browser.ts'
import { makeCorpusSite, median } from './corpus.ts'

export type DevReload = { firstBuildMs: number; samples: number[] }

/** Start `berth dev` on the site at `root`, open a post, save it `saves` times and time each reload. */
export async function measureDevReload(root: string, saves = 20): Promise<DevReload> {
  const started = performance.now()
  const server = await dev({ root, port: 0, out: process.env.BENCH_VERBOSE ? console.error : () => undefined, err: () => undefined })
  if ('failed' in server) throw new Error('the corpus does not build')
  const firstBuildMs = performance.now() - started
  const postFile = path.join(root, 'content', (await readdir(path.join(root, 'content'))).filter((name) => name.endsWith('.md')).sort()[0]!)
  const original = await readFile(postFile, 'utf8')
  const url = `${server.url}${/^url: (.*)$/m.exec(original)![1]}/`
  const { browser, close: closeBrowser } = await launchBrowser()
  const samples: number[] = []
  try {
    const page = await browser.newPage()
    await page.goto(url)
    await page.waitForFunction(() => document.documentElement.dataset.berthLive === 'connected')
    for (let i = 1; i <= saves; i++) {
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
    await closeBrowser()
    await server.close()
  }
  return { firstBuildMs, samples }
}

if (import.meta.filename === process.argv[1]) {
  const posts = Number(process.env.BENCH_POSTS ?? 1000)
  const { firstBuildMs, samples } = await measureDevReload(await makeCorpusSite(posts))
  console.log(`berth dev, ${posts} posts, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'})`)
  console.log(`first build (in memory): ${Math.round(firstBuildMs)} ms`)
  console.log(`save → new HTML in the browser: median ${median(samples).toFixed(1)} ms over ${samples.length} saves (min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})`)
}
