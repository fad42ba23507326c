// A pool thread starts without berth's TypeScript loader: register it, then load the worker.
import { register } from 'tsx/esm/api'

register()
const { default: renderBatch } = await import('./markdown-worker.ts')
export default renderBatch
