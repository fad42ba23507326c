// A pool thread starts with none of berth loaded: load the worker the way the main process loads berth.
import { loadBerth } from '../load-berth.js'

const { default: renderBatch } = await loadBerth('markdown-worker')
export default renderBatch
