// Plain JavaScript, so load-berth.js can use it before any TypeScript loader runs.
import path from 'node:path'

/** Where the bundles of berth's sources are kept (load-berth.js makes them), relative to berth's own folder. */
export const BUNDLES_FOLDER = path.join('node_modules', '.cache', 'berth-bundle')
