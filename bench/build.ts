// berth's build benchmark: berth cold, warm, after one change and dev edit-to-reload, beside Eleventy 3,
// Hugo and the bare unified pipeline berth stands on, on the same generated posts, in one run. Medians
// of several runs; wall time and peak memory from /usr/bin/time.
// Run: npm run bench   (BENCH_SIZES=100,1000,4000 BENCH_RUNS=3 BENCH_SAVES=20 to change what is measured)
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import path from 'node:path'
import { makeCorpusSite, median } from './corpus.ts'
import { FRESH_PROCESS } from './environment.ts'
import { measureDevReload } from './dev-reload.ts'
import { ensureEleventy, findHugo, writeEleventyConfig } from './tools.ts'
import { writeHugoSite } from './hugo-site.ts'

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,4000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const SAVES = Number(process.env.BENCH_SAVES ?? 20)
const BERTH = path.join(import.meta.dirname, '../bin/berth.js')
const FLOOR = path.join(import.meta.dirname, 'unified-floor.ts')

type Sample = { seconds: number; peakMb: number; stdout?: string }

/** Run a command under /usr/bin/time: its wall time and peak resident memory. berth runs in a fresh process unless told otherwise. */
function measure(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = FRESH_PROCESS): Sample {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr}`)
  const [seconds, kb] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number]
  return { seconds, peakMb: kb / 1024, stdout: run.stdout }
}

function medianOf(samples: Sample[]): Sample {
  return { seconds: median(samples.map((s) => s.seconds)), peakMb: median(samples.map((s) => s.peakMb)), stdout: samples.at(-1)?.stdout ?? '' }
}

/** Run `sample` RUNS times, calling `before` ahead of each run. */
function repeat(sample: () => Sample, before: (run: number) => void = () => undefined): Sample {
  return medianOf(Array.from({ length: RUNS }, (_, run) => (before(run), sample())))
}

/** The pool size berth reported in its summary line. */
function threadsUsed(sample: Sample): string {
  const threads = /markdown on (\d+) threads/.exec(sample.stdout ?? '')?.[1]
  return threads ? `${threads} markdown threads` : 'main thread'
}

const rows: string[] = []
// A value and its unit stay on one line in a narrow column.
const unit = (value: string, name: string) => `${value}&nbsp;${name}`
const ratio = (s: number, reference?: Sample) => (reference ? `${(s / reference.seconds).toFixed(2)}×` : '—')
const row = (n: number, tool: string, s: Sample, refs: { eleventy?: Sample; hugo?: Sample; floor?: Sample }, note = '') =>
  rows.push(`| ${n} | ${tool} | ${unit(s.seconds.toFixed(2), 's')} | ${unit(((s.seconds * 1000) / n).toFixed(2), 'ms')} | ${s.peakMb ? unit(String(Math.round(s.peakMb)), 'MB') : '—'} | ${ratio(s.seconds, refs.eleventy)} | ${ratio(s.seconds, refs.hugo)} | ${ratio(s.seconds, refs.floor)} | ${note} |`)

const eleventy = ensureEleventy()
const hugo = findHugo()
for (const n of SIZES) {
  const root = await makeCorpusSite(n)
  const content = path.join(root, 'content')
  const berthArgs = [BERTH, 'build', '--root', root, '--out', path.join(root, '_berth'), '--site-url', 'https://bench.example']
  const cache = path.join(root, 'node_modules/.cache/berth')
  const floor = repeat(() => measure(process.execPath, ['--import', 'tsx', FLOOR, content], path.join(import.meta.dirname, '..')))
  writeEleventyConfig(root)
  const eleventyRun = repeat(() => measure(process.execPath, [eleventy, '--config=eleventy.config.mjs', '--quiet'], root), () => rmSync(path.join(root, '_eleventy'), { recursive: true, force: true }))
  let hugoRun: Sample | undefined
  if (hugo) {
    const site = writeHugoSite(root)
    hugoRun = repeat(() => measure('hugo', ['--quiet', '-s', site], root), () => rmSync(path.join(site, 'public'), { recursive: true, force: true }))
  }
  const cold = repeat(() => measure(process.execPath, berthArgs, root), () => rmSync(cache, { recursive: true, force: true }))
  const warm = repeat(() => measure(process.execPath, berthArgs, root))
  const retitled = repeat(() => measure(process.execPath, berthArgs, root), (run) => writeFileSync(path.join(root, 'berth.config.json'), JSON.stringify({ title: `Bench ${run}` })))
  // Each edit is the generated post plus one line of its own, as an author's edit changes a post without making it ever longer.
  const post = path.join(content, readdirSync(content).sort()[0]!)
  const original = readFileSync(post, 'utf8')
  const edit = (label: string) => writeFileSync(post, `${original}\n${label}.\n`)
  const changed = repeat(() => measure(process.execPath, berthArgs, root), (run) => edit(`Edit ${run}`))
  if (!existsSync(path.join(root, '_berth/index.html'))) throw new Error('berth built nothing')
  writeFileSync(post, original)
  let reload: string
  try {
    const { samples } = await measureDevReload(root, SAVES)
    reload = `| ${n} | berth dev, save → new HTML in the browser | ${unit(median(samples).toFixed(0), 'ms')} | — | — | — | — | — | median of ${samples.length} saves |`
  } catch (error) {
    reload = `| ${n} | berth dev, save → new HTML in the browser | not measured | — | — | — | — | — | ${(error as Error).message.split('\n')[0]} |`
  }
  const refs = { eleventy: eleventyRun, ...(hugoRun ? { hugo: hugoRun } : {}), floor }
  row(n, 'unified floor (one thread, no templates)', floor, refs)
  row(n, 'Eleventy 3', eleventyRun, refs)
  if (hugoRun) row(n, 'Hugo', hugoRun, refs)
  row(n, 'berth cold (no cache)', cold, refs, threadsUsed(cold))
  row(n, 'berth warm (nothing changed)', warm, refs)
  row(n, 'berth, site title changed (every page, markdown from the cache)', retitled, refs)
  row(n, 'berth, one post changed', changed, refs)
  rows.push(reload)
}
const certificates = process.env.NODE_EXTRA_CA_CERTS ? ', NODE_EXTRA_CA_CERTS unset for the tools (see bench/environment.ts)' : ''
console.log(`${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, medians of ${RUNS} runs${certificates}${hugo ? '' : ' (hugo not installed: apt-get install hugo)'}`)
console.log('| posts | what | wall time | per post | peak memory | ÷ Eleventy | ÷ Hugo | ÷ unified floor | notes |')
console.log('|---|---|---|---|---|---|---|---|---|')
console.log(rows.join('\n'))
