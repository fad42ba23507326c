import path from 'node:path'

/**
 * berth's own folder: its package.json, src/ and templates/. The one place berth finds itself on disk:
 * in the bundle `load-berth.js` makes, `import.meta.dirname` is set to the sources' folder.
 */
export const BERTH_ROOT = path.resolve(import.meta.dirname, '..')
