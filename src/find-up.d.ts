// Types for find-up.js, which is plain JavaScript because load-berth.js needs it before any TypeScript loader.
export function findUp(from: string, relative: string): string | undefined
