// Types for bundle-folder.js, which is plain JavaScript because load-berth.js uses it before any TypeScript loader.
export const BUNDLES_FOLDER: string
export function bundleName(src: string, resolveFrom: string): string
