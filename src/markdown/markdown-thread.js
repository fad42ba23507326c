// A pool thread of berth run from its sources (its own tests): tsx compiles the worker as it loads.
// Compiled berth starts its threads from lib/markdown-worker.js instead.
import { register } from 'tsx/esm/api'

register()
const { default: renderBatch } = await import('./markdown-worker.ts')
export default renderBatch
