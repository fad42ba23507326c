/**
 * Let waiting I/O callbacks run (Pagefind's replies, finished reads) before more work that blocks this
 * thread, so work in other processes and threads is not kept waiting on it.
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
