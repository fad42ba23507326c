// berth is written in TypeScript and runs from its sources, with no build step between a change and
// a run. To start fast it runs them from a bundle that esbuild makes of the current sources and the
// packages they use, once per change of any source file or installed package, into berth's own
// node_modules/.cache: loading one bundle takes a fraction of the time that compiling and resolving
// hundreds of modules on the fly takes (in the main process and in every worker thread). Where no
// bundle can be made (a read-only install), or with BERTH_BUNDLE=0, tsx compiles the sources as they
// load instead.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BUNDLES_FOLDER, bundleName } from './bundle-folder.js'

const SRC = path.dirname(fileURLToPath(import.meta.url))
const BUNDLES = path.join(SRC, '..', BUNDLES_FOLDER)

/** How long a bundle of older sources is kept for processes that still run from it. */
const BUNDLE_GRACE_MS = 60 * 60 * 1000

/** The modules a process or thread starts from, by the name of their bundled file. */
const ENTRIES = { cli: 'cli.ts', 'markdown-worker': 'markdown/markdown-worker.ts', 'build-server': 'build-server/server.ts' }

/** Load one of berth's entry modules: from the bundle of the current sources, else through tsx. */
export async function loadBerth(entry) {
  const bundle = process.env.BERTH_BUNDLE === '0' ? undefined : await currentBundle({ src: SRC, bundles: BUNDLES, entries: ENTRIES }).catch(() => undefined)
  if (bundle) return import(pathToFileURL(path.join(bundle, `${entry}.js`)).href)
  const { register } = await import('tsx/esm/api')
  register()
  return import(pathToFileURL(path.join(SRC, ENTRIES[entry])).href)
}

/**
 * The folder of the bundle made from the sources in `src` and the packages installed for the package
 * above it, as they are now, made first if there is none: one file per entry (`entries` maps its name
 * to its source), plus shared chunks.
 */
export async function currentBundle({ src, bundles, entries }) {
  const dir = path.join(bundles, bundleName(src, fileURLToPath(import.meta.url)))
  if (existsSync(dir)) return dir
  const esbuild = await import('esbuild')
  // Made beside its final place and renamed into it, so a process never loads half a bundle.
  const temp = `${dir}.${process.pid}.tmp`
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(src, file)])),
    outdir: temp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Bundled, only the highlight.js grammars berth registers are loaded (lowlight's entry point loads all 190).
    plugins: [keepExternal(UNBUNDLED_DEPENDENCIES)],
    // berth-root.ts finds berth from its own folder, which in the bundle is the sources' folder.
    define: { 'import.meta.dirname': JSON.stringify(src) },
    // Bundled CommonJS packages (gray-matter, js-yaml) still require Node's own modules.
    banner: { js: "import { createRequire as berthRequire } from 'node:module'; const require = berthRequire(import.meta.url);" },
    logLevel: 'silent',
  })
  try {
    renameSync(temp, dir)
  } catch (error) {
    // Another process made the same bundle first.
    rmSync(temp, { recursive: true, force: true })
    if (!existsSync(dir)) throw error
  }
  // Bundles of older sources are not loaded again, except by processes still running from them
  // (a dev server loads some modules late): they go once they are an hour old.
  for (const name of readdirSync(bundles)) {
    const other = path.join(bundles, name)
    if (other !== dir && statSync(other).mtimeMs < Date.now() - BUNDLE_GRACE_MS) rmSync(other, { recursive: true, force: true })
  }
  return dir
}

/**
 * Packages loaded from node_modules as usual rather than bundled: each finds files of its own beside
 * it (Pagefind its platform's binary, esbuild its binary, tinypool its worker script), or loads only
 * when there is no bundle (tsx) or in the dev server (chokidar and its optional native watcher).
 */
const UNBUNDLED_DEPENDENCIES = ['pagefind', 'esbuild', 'tinypool', 'tsx', 'chokidar']

/** An esbuild plugin that leaves the imports of the packages in `external` as they are. */
function keepExternal(external) {
  const isExternal = (specifier) => external.some((name) => specifier === name || specifier.startsWith(`${name}/`))
  return {
    name: 'keep-external',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => (isExternal(args.path) ? { path: args.path, external: true } : undefined))
    },
  }
}
