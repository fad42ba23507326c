import { expect, test } from 'vitest'
import { createBatchQueue } from '../../src/dev/batch-queue.ts'

test('a burst becomes one batch; what arrives during a run becomes the next batch', async () => {
  const batches: number[][] = []
  let release: () => void = () => undefined
  const queue = createBatchQueue<number>(5, async (batch) => {
    batches.push(batch)
    if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve))
  })
  queue.push(1)
  queue.push(2)
  await new Promise((r) => setTimeout(r, 20))
  queue.push(3)
  queue.push(4)
  release()
  await queue.idle()
  expect(batches).toEqual([
    [1, 2],
    [3, 4],
  ])
})
