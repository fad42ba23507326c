/** berth's public API, for scripts and tests. */
export { build, type BuildOptions, type BuildResult } from './build.ts'
export { loadConfig, type ResolvedConfig, type SiteConfig } from './config.ts'
export { formatDiagnostic } from './diagnostics.ts'
/** An output file's bytes: pages and search files from berth's caches are read only when asked for. */
export { contentsOf } from './output-contents.ts'
/** A rendered post's HTML as text: posts from berth's markdown cache or its worker threads carry it as UTF-8 bytes. */
export { htmlText } from './markdown/html-text.ts'
export { createMarkdownProcessor } from './markdown/processor.ts'
export { createFsWriter, createMemoryWriter, type Writer } from './write/writer.ts'
export type * from './types.ts'
