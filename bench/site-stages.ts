// How berth's whole-site stages grow with the number of posts: each timed on its own (medians of at
// least BENCH_RUNS runs) at 1,000 and 4,000 generated posts, in ms per page. Linear stages keep their ms per
// page; a page × page loop would show as a ratio near 4. Posts are rendered once, untimed (taken from
// berth's cache when a build of the corpus left one). Run: node --import tsx bench/site-stages.ts   (BENCH_SIZES=1000,4000)
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { buildCacheFile, cacheSalt, carryOver, readBuildCache } from '../src/build-cache.ts'
import { loadPost, renderPosts } from '../src/compile-post.ts'
import { loadConfig } from '../src/config.ts'
import { listContentFiles } from '../src/load/content.ts'
import { loadSiteMap } from '../src/load/site-map.ts'
import { markdownSettings } from '../src/markdown/markdown-settings.ts'
import { createSiteProcessor } from '../src/markdown/processor.ts'
import { listPageJobs, renderPageJobs } from '../src/render/render-site.ts'
import { createTemplateEngine } from '../src/render/templates.ts'
import { buildSite } from '../src/site/build-site.ts'
import { checkSite } from '../src/site/check-site.ts'
import { buildSearchIndex } from '../src/site/search-index.ts'
import { renderSiteFiles } from '../src/site/site-files.ts'
import { collectAssets } from '../src/write/assets.ts'
import { makeCorpusSite, median } from './corpus.ts'

const SIZES = (process.env.BENCH_SIZES ?? '1000,4000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

/**
 * Median of at least RUNS timed runs, and of as many as fit in a second for stages that take
 * microseconds a page, after one untimed run so that no stage is timed while still being compiled.
 */
async function time<T>(run: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const samples: number[] = []
  let value = await run()
  const started = performance.now()
  while (samples.length < RUNS || (performance.now() - started < 1000 && samples.length < 100)) {
    const before = performance.now()
    value = await run()
    samples.push(performance.now() - before)
  }
  return { ms: median(samples), value }
}

const results = new Map<number, Map<string, number>>()
for (const n of SIZES) {
  const root = await makeCorpusSite(n)
  const config = (await loadConfig(root, { siteUrl: 'https://bench.example' })).value!
  const engine = createTemplateEngine(config.templatesDir, config.themeDir, config.base)
  const siteMap = (await loadSiteMap(root, config.contentDir)).value
  const context = { config, siteMap, realRoot: await realpath(root) }
  const loaded = await Promise.all((await listContentFiles(config.contentDir)).map((file) => loadPost(file, context)))
  const settings = markdownSettings(config)
  const cache = carryOver(readBuildCache(buildCacheFile(root)).markdown, new Map())
  const { posts } = await renderPosts(loaded, { processor: async () => createSiteProcessor(settings), cache, settings, salt: cacheSalt() })
  const stages = new Map<string, number>()
  const site = await time(() => buildSite(config, posts, siteMap).value)
  stages.set('site: series, sections, tags, prev/next, url clashes', site.ms)
  const jobs = listPageJobs(site.value, engine).value
  const pages = await time(() => renderPageJobs(jobs, engine, root).value)
  stages.set('render: every page through its layout', pages.ms)
  const siteFiles = await time(() => renderSiteFiles(site.value, pages.value.map((f) => f.path)).files)
  stages.set('feed, sitemap, robots', siteFiles.ms)
  const search = await time(() => buildSearchIndex(pages.value, config.base))
  stages.set('search index (Pagefind, no cache)', search.ms)
  const assets = (await collectAssets(config, site.value.pages)).value
  const files = [...pages.value, ...siteFiles.value, ...search.value, ...assets]
  stages.set('checks: links, anchors, unused assets, clashes', (await time(async () => (await checkSite(site.value, engine, jobs, files, undefined)).confirm([]))).ms)
  results.set(n, new Map([...stages].map(([name, ms]) => [name, ms / pages.value.length])))
  console.error(`${n} posts: ${pages.value.length} pages, ${files.length} files (${path.basename(root)})`)
}
const [small, large] = SIZES
console.log(`| stage | ${SIZES.map((n) => `ms per page at ${n} posts`).join(' | ')} | ratio |`)
console.log(`|---|${SIZES.map(() => '---|').join('')}---|`)
for (const name of results.get(small!)!.keys()) {
  const perPage = SIZES.map((n) => results.get(n)!.get(name)!)
  console.log(`| ${name} | ${perPage.map((ms) => ms.toFixed(3)).join(' | ')} | ${large ? (perPage.at(-1)! / perPage[0]!).toFixed(2) : '—'} |`)
}
