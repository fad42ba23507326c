// berth's build benchmark: berth cold, warm and after one change, beside Eleventy 3 and Hugo, on the same
// generated posts, in one run. Medians of several runs; wall time and peak memory from /usr/bin/time.
// Run: npm run bench   (BENCH_SIZES=100,1000,4000 BENCH_RUNS=3 to change what is measured)
import { spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, readdirSync, rmSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import path from 'node:path'
import { makeCorpusSite, median } from './corpus.ts'
import { ensureEleventy, findHugo, writeEleventyConfig } from './tools.ts'
import { writeHugoSite } from './hugo-site.ts'

const SIZES = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const BERTH = path.join(import.meta.dirname, '../src/bin.js')

type Sample = { seconds: number; peakMb: number }

/** Run a command under /usr/bin/time: its wall time and peak resident memory. */
function measure(command: string, args: string[], cwd: string): Sample {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] })
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr}`)
  const [seconds, kb] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number]
  return { seconds, peakMb: kb / 1024 }
}

function medianOf(samples: Sample[]): Sample {
  return { seconds: median(samples.map((s) => s.seconds)), peakMb: median(samples.map((s) => s.peakMb)) }
}

const rows: string[] = []
const row = (n: number, tool: string, s: Sample, reference?: Sample) =>
  rows.push(`| ${n} | ${tool} | ${s.seconds.toFixed(2)} s | ${((s.seconds * 1000) / n).toFixed(1)} ms | ${Math.round(s.peakMb)} MB | ${reference ? `${(s.seconds / reference.seconds).toFixed(2)}×` : '—'} |`)

const eleventy = ensureEleventy()
const hugo = findHugo()
for (const n of SIZES) {
  const root = await makeCorpusSite(n)
  const berthArgs = [BERTH, 'build', '--root', root, '--out', path.join(root, '_berth'), '--site-url', 'https://bench.example']
  const cache = path.join(root, 'node_modules/.cache/berth')
  const cold = medianOf(Array.from({ length: RUNS }, () => (rmSync(cache, { recursive: true, force: true }), measure(process.execPath, berthArgs, root))))
  const warm = medianOf(Array.from({ length: RUNS }, () => measure(process.execPath, berthArgs, root)))
  const post = path.join(root, 'content', readdirSync(path.join(root, 'content')).sort()[0]!)
  const changed = medianOf(Array.from({ length: RUNS }, (_, i) => (appendFileSync(post, `\nEdit ${i}.\n`), measure(process.execPath, berthArgs, root))))
  writeEleventyConfig(root)
  const eleventyRun = medianOf(Array.from({ length: RUNS }, () => (rmSync(path.join(root, '_eleventy'), { recursive: true, force: true }), measure(process.execPath, [eleventy, '--config=eleventy.config.mjs', '--quiet'], root))))
  let hugoRun: Sample | undefined
  if (hugo) {
    const site = writeHugoSite(root)
    hugoRun = medianOf(Array.from({ length: RUNS }, () => (rmSync(path.join(site, 'public'), { recursive: true, force: true }), measure('hugo', ['--quiet', '-s', site], root))))
  }
  row(n, 'Eleventy 3', eleventyRun)
  if (hugoRun) row(n, 'Hugo', hugoRun)
  row(n, 'berth cold (no cache)', cold, eleventyRun)
  row(n, 'berth warm (nothing changed)', warm, hugoRun ?? eleventyRun)
  row(n, 'berth, one post changed', changed, hugoRun ?? eleventyRun)
  if (!existsSync(path.join(root, '_berth/index.html'))) throw new Error('berth built nothing')
}
console.log(`${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, medians of ${RUNS} runs${hugo ? '' : ' (hugo not installed: apt-get install hugo)'}`)
console.log('| posts | tool | wall time | per page | peak memory | ratio |')
console.log('|---|---|---|---|---|---|')
console.log(rows.join('\n'))
console.log('ratio: berth cold ÷ Eleventy; berth warm and one-change ÷ Hugo (or Eleventy without Hugo). Dev edit-to-reload: npm run bench:dev')
