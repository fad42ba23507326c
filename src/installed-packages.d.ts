// Types for installed-packages.js, which is plain JavaScript because load-berth.js needs it before any TypeScript loader.
export function installedPackagesDigest(from: string): string
