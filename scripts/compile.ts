// Compiles berth's TypeScript into lib/ once, at install (`npm install` runs it as `prepare`), so the
// command line loads plain JavaScript and nothing is compiled or digested as berth starts.
// Run: npm run compile
import { existsSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import * as esbuild from 'esbuild'
import { digestBerthSources } from '../src/berth-code.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const LIB = path.join(ROOT, 'lib')

/**
 * Packages loaded from node_modules rather than bundled: each finds files of its own beside it
 * (Pagefind its platform's binary, tinypool its worker script, chokidar its optional native watcher,
 * sharp its libvips build),
 * or, as jsonc-parser's UMD build, loads its own parts with requires a bundler cannot follow.
 * Everything else is bundled: one file loads faster than hundreds of modules resolved one by one.
 */
const EXTERNAL = ['pagefind', 'tinypool', 'chokidar', 'jsonc-parser', 'sharp']

// Old chunks go; the API's declarations (lib/types/, written by `npm run compile:types` when berth is packed) stay.
for (const entry of existsSync(LIB) ? readdirSync(LIB) : []) if (entry !== 'types') rmSync(path.join(LIB, entry), { recursive: true, force: true })
await esbuild.build({
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', 'markdown-worker': 'src/markdown/markdown-worker.ts', 'watch-thread': 'src/dev/watch-thread.js' },
  absWorkingDir: ROOT,
  outdir: LIB,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  define: { BERTH_COMPILED_CODE: JSON.stringify(digestBerthSources(ROOT)) },
  // Bundled CommonJS packages (gray-matter, js-yaml) still require Node's own modules.
  banner: { js: "import { createRequire as berthRequire } from 'node:module'; const require = berthRequire(import.meta.url);" },
  logLevel: 'warning',
})
