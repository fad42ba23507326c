/**
 * Collect items that arrive in a burst and hand them to `run` as one batch, one batch at a time:
 * items that arrive while a batch runs form the next batch, so the last state always wins.
 */
export function createBatchQueue<T>(delayMs: number, run: (batch: T[]) => Promise<void>): { push(item: T): void; idle(): Promise<void> } {
  let pending: T[] = []
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined

  const flush = async () => {
    timer = undefined
    if (running || pending.length === 0) return
    const batch = pending
    pending = []
    running = run(batch).finally(() => {
      running = undefined
      if (pending.length > 0) schedule()
    })
    await running
  }
  const schedule = () => {
    timer ??= setTimeout(() => void flush(), delayMs)
  }
  return {
    push(item) {
      pending.push(item)
      if (!running) schedule()
    },
    /** Resolves once nothing is pending or running. */
    async idle() {
      while (running || timer || pending.length > 0) {
        await (running ?? new Promise((resolve) => setTimeout(resolve, delayMs)))
      }
    },
  }
}
