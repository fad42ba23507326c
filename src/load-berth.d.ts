// Types for load-berth.js, which is plain JavaScript because it runs before any TypeScript loader.
export function loadBerth(entry: 'cli' | 'markdown-worker' | 'build-server'): Promise<Record<string, unknown>>
export function currentBundle(options: { src: string; bundles: string; entries: Record<string, string> }): Promise<string>
