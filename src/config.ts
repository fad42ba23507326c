import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { BERTH_ROOT } from './berth-code.ts'
import { namesHost } from './paths.ts'
import { createDiagnostic } from './diagnostics.ts'
import { schemaDiagnostics, yamlProblemDiagnostics } from './load/schema-diagnostics.ts'
import { testedVersionsSchema } from './load/tested-with.ts'
import { parseYamlData, type YamlData } from './load/yaml-data.ts'
import type { Diagnostic, Result } from './types.ts'

/** berth's own default theme: the `templates/` folder that ships with it. */
export const THEME_DIR = path.join(BERTH_ROOT, 'templates')

const depth = z.literal([1, 2, 3, 4, 5, 6])
const SITE_URL = z.url({ protocol: /^https?$/ })

/** What a site may set in `berth.config.json` or under `"berth"` in its package.json. */
export const configSchema = z.strictObject({
  /** Default: the home page's title (a root README's heading), else `berth`. */
  title: z.string().min(1).optional(),
  description: z.string().default(''),
  /** The absolute URL the site is published at, for feeds and share cards. */
  url: SITE_URL.optional(),
  base: z.string().default('/'),
  language: z.string().min(2).default('en'),
  toc: z.strictObject({ minDepth: depth.default(2), maxDepth: depth.default(3) }).prefault({}),
  markdown: z.strictObject({ rawHtml: z.enum(['keep', 'sanitize']).default('keep') }).prefault({}),
  /** Extra stylesheets every page links after the theme's: site paths (`/assets/site.css`) or full urls. */
  css: z.union([z.string().min(1), z.array(z.string().min(1))]).default([]).transform((css) => (typeof css === 'string' ? [css] : css)),
  /** Full-text search (Pagefind): the search page, the header's search box and the index. */
  search: z.boolean().default(true),
  /** Posts' PNG, JPEG and WebP images in modern formats at several widths (see images/variants.ts). */
  images: z
    .strictObject({
      responsive: z.boolean().default(true),
      widths: z.array(z.number().int().min(16).max(8192)).min(1).default([480, 960, 1440]),
      sizes: z.string().min(1).default('(min-width: 50rem) 46rem, calc(100vw - 2.5rem)'),
      avifAboveKb: z.number().min(0).default(100),
    })
    .prefault({}),
  /**
   * The versions of today (`current: {docker: "28.0"}`): a post tested with a version more than
   * `majorsBehind` major versions older says it may be outdated, and the build warns.
   */
  tested: z.strictObject({ current: testedVersionsSchema.default({}), majorsBehind: z.number().int().min(0).default(1) }).prefault({}),
})

export type SiteConfig = z.infer<typeof configSchema>

export type ResolvedConfig = Omit<SiteConfig, 'url' | 'title'> & {
  title: string
  /** The config names no title: the site stage takes the home page's (see build-site.ts). */
  untitled?: true
  root: string
  contentDir: string
  assetsDir: string
  /** The site's own templates, which override the theme's file by file. */
  templatesDir: string
  themeDir: string
  outDir: string
  /** Always starts and ends with `/`. */
  base: string
  siteUrl?: string
  /** Whether `draft: true` posts are built (the dev server shows them). */
  drafts: boolean
  /** Root-relative path of the file the config came from, if any. */
  configFile?: string
}

export type ConfigOverrides = { out?: string; base?: string; siteUrl?: string; drafts?: boolean }

export const CONFIG_FILE = 'berth.config.json'

/** A site's title when neither its config nor its home page names one. */
export const DEFAULT_TITLE = 'berth'

/** Load, validate and resolve the site config: `berth.config.json`, else `"berth"` in package.json, else defaults. */
export async function loadConfig(rootArg: string, overrides: ConfigOverrides = {}): Promise<Result<ResolvedConfig | undefined>> {
  const root = path.resolve(rootArg)
  const found = await readConfigSource(root)
  const diagnostics: Diagnostic[] = []
  let raw: unknown = {}
  let data: YamlData | undefined
  if (found) {
    const parsed = parseYamlData(found.text)
    if (!parsed.data) return { value: undefined, diagnostics: yamlProblemDiagnostics(found.file, 'config', parsed.problems) }
    data = scoped(parsed.data, found.key)
    raw = data.value ?? {}
  }
  // A site url given on the command line (CI knows where it deploys) wins over the file's.
  if (overrides.siteUrl && !SITE_URL.safeParse(overrides.siteUrl).success) {
    return { value: undefined, diagnostics: [createDiagnostic('--site-url', 'error', 'config/invalid', `site url "${overrides.siteUrl}" is not an http(s) url`, undefined, 'give the full url, e.g. https://user.github.io/repo')] }
  }
  const result = configSchema.safeParse(raw)
  if (!result.success) {
    return { value: undefined, diagnostics: schemaDiagnostics(found!.file, 'config/invalid', 'config', result.error.issues, data!) }
  }
  const config = result.data
  const base = normalizeBase(overrides.base ?? config.base)
  if (!base) {
    const place = data ? data.locate(['base']) : undefined
    const message = `base path "${overrides.base ?? config.base}" must be a url path such as "/" or "/docs/"`
    diagnostics.push(createDiagnostic(overrides.base !== undefined ? '--base' : found?.file ?? 'config', 'error', 'config/invalid-base', message, overrides.base !== undefined ? undefined : place, 'use letters, digits, "-", "_", "." and "/" only'))
    return { value: undefined, diagnostics }
  }
  if (config.toc.minDepth > config.toc.maxDepth) {
    diagnostics.push(createDiagnostic(found?.file ?? 'config', 'error', 'config/invalid', `config field "toc": minDepth ${config.toc.minDepth} is above maxDepth ${config.toc.maxDepth}`, data?.locate(['toc'])))
    return { value: undefined, diagnostics }
  }
  const missing = await missingStylesheets(root, config.css)
  if (missing.length > 0) {
    return { value: undefined, diagnostics: missing.map(({ href, index, file }) => createDiagnostic(found?.file ?? 'config', 'error', 'config/missing-stylesheet', `stylesheet "${href}" in "css" is no file of the site: there is no ${file}`, data?.locate(typeof config.css === 'string' ? ['css'] : ['css', index]), `add ${file}, or name the stylesheet by its full https:// url`)) }
  }
  const { url: fileUrl, title, ...rest } = config
  const url = overrides.siteUrl || fileUrl
  return {
    value: {
      ...rest,
      title: title ?? DEFAULT_TITLE,
      ...(title === undefined ? { untitled: true as const } : {}),
      root,
      contentDir: path.join(root, 'content'),
      assetsDir: path.join(root, 'assets'),
      templatesDir: path.join(root, 'templates'),
      themeDir: THEME_DIR,
      outDir: path.resolve(root, overrides.out ?? 'dist'),
      base,
      ...(url ? { siteUrl: url.replace(/\/+$/, '') } : {}),
      drafts: overrides.drafts ?? false,
      ...(found ? { configFile: found.file } : {}),
    },
    diagnostics,
  }
}

/**
 * The site's own stylesheets in `css` that are not there: a site path names a file of its `assets/` folder
 * (or of its templates' `assets/`), as the page will ask for it; full urls are the author's to keep.
 */
async function missingStylesheets(root: string, css: readonly string[]): Promise<{ href: string; index: number; file: string }[]> {
  const missing = []
  for (const [index, href] of css.entries()) {
    if (namesHost(href)) continue
    const relative = decodeURI(href.replace(/[?#].*$/, '')).replace(/^\/+/, '')
    const inAssets = relative.startsWith('assets/') ? relative.slice('assets/'.length) : undefined
    const candidates = inAssets === undefined ? [] : [path.join(root, 'assets', inAssets), path.join(root, 'templates', 'assets', inAssets)]
    if (!(await anyExists(candidates))) missing.push({ href, index, file: inAssets === undefined ? `assets/${relative}` : `assets/${inAssets}` })
  }
  return missing
}

async function anyExists(files: readonly string[]): Promise<boolean> {
  for (const file of files) if (await stat(file).then((s) => s.isFile(), () => false)) return true
  return false
}

/** `docs` → `/docs/`; undefined when the value is not a plain url path. */
export function normalizeBase(base: string): string | undefined {
  const trimmed = base.trim()
  if (!/^[A-Za-z0-9/_.~-]*$/.test(trimmed)) return undefined
  const segments = trimmed.split('/').filter(Boolean)
  if (segments.some((s) => s === '.' || s === '..')) return undefined
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`
}

async function readConfigSource(root: string): Promise<{ file: string; text: string; key?: string } | undefined> {
  const own = await readOptional(path.join(root, CONFIG_FILE))
  if (own !== undefined) return { file: CONFIG_FILE, text: own }
  const pkg = await readOptional(path.join(root, 'package.json'))
  if (pkg !== undefined && /"berth"\s*:/.test(pkg)) return { file: 'package.json', text: pkg, key: 'berth' }
  return undefined
}

/** View one key of a parsed document as if it were the whole document, keeping positions. */
function scoped(data: YamlData, key: string | undefined): YamlData {
  if (!key) return data
  const value = (data.value as Record<string, unknown> | null)?.[key]
  return { value, locate: (p) => data.locate([key, ...p]) }
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
