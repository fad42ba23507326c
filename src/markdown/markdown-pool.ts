import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import Tinypool from 'tinypool'
import type { MarkdownSettings } from './markdown-settings.ts'
import type { MarkdownWorkerData } from './markdown-worker.ts'
import type { MarkdownOutcome, MarkdownSource } from './render-markdown.ts'

/**
 * Posts each thread must have to render for the pool to pay for itself: a thread first spends about
 * half a second loading berth and unified, and on two cores two threads render a post in about two
 * thirds of the main thread's time (measured with `npm run bench`: at 100 posts the pool was 0.8 s
 * slower, at 1,000 posts 6 s faster, when loading took a second).
 */
export const MIN_POSTS_PER_THREAD = 150

/** Posts per message to a thread: enough to make messaging cheap, few enough to keep every thread busy to the end. */
const BATCH_SIZE = 8

export type MarkdownPool = {
  /** Render posts in the pool's threads; outcomes come back in the order of `sources`. */
  render(sources: readonly MarkdownSource[]): Promise<MarkdownOutcome[]>
  close(): Promise<void>
}

/**
 * How many threads to render `posts` posts with: one per core, fewer when there is too little work
 * for them, and 0 (render in the main thread) when a pool would not pay for its start-up.
 * `requested` (`--threads`) overrides the choice; 0 or 1 means the main thread. Nothing to render, no pool.
 */
export function chooseThreads(posts: number, requested?: number, cores = availableParallelism()): number {
  if (posts === 0) return 0
  const threads = requested ?? Math.min(cores, Math.floor(posts / MIN_POSTS_PER_THREAD))
  return threads > 1 ? threads : 0
}

/**
 * The module each thread starts from: the compiled worker beside this code in lib/, or, when berth runs
 * from its sources (its own tests), a shim that compiles them as they load.
 */
const WORKER = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './markdown-thread.js' : './markdown-worker.js', import.meta.url))

/** A pool of `threads` worker threads that render markdown with the site's settings. */
export function createMarkdownPool(settings: MarkdownSettings, threads: number): MarkdownPool {
  const workerData: MarkdownWorkerData = { settings }
  const pool = new Tinypool({
    filename: WORKER,
    minThreads: threads,
    maxThreads: threads,
    workerData,
    // Rendering markdown allocates many short-lived nodes: a larger young generation means far fewer
    // scavenges, which on two cores is most of the difference between one thread and two.
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
  })
  return {
    async render(sources) {
      const batches: MarkdownSource[][] = []
      for (let i = 0; i < sources.length; i += BATCH_SIZE) {
        // Only what the worker reads crosses the thread boundary, not the whole page.
        batches.push(sources.slice(i, i + BATCH_SIZE).map(({ body, source }) => ({ body, source: { path: source.path, relPath: source.relPath } })))
      }
      const results = await Promise.all(batches.map((batch) => pool.run(batch) as Promise<MarkdownOutcome[]>))
      return results.flat()
    },
    close: () => pool.destroy(),
  }
}
