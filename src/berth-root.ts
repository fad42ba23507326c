import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BUNDLES_FOLDER } from './bundle-folder.js'

/**
 * berth's own folder: its package.json, src/ and templates/. The one place berth finds itself on disk:
 * in the bundle `load-berth.js` makes, `import.meta.dirname` is set to the sources' folder.
 */
export const BERTH_ROOT = path.resolve(import.meta.dirname, '..')

/**
 * The folder of the bundle this code runs from (see load-berth.js: named by a digest of the sources
 * and installed packages it was made from), or undefined when it runs from the sources themselves.
 */
export const RUNNING_BUNDLE = bundleFolder(path.dirname(fileURLToPath(import.meta.url)))

function bundleFolder(folder: string): string | undefined {
  return path.dirname(folder) === path.join(BERTH_ROOT, BUNDLES_FOLDER) ? folder : undefined
}
