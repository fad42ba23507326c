import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { createDiagnostic } from '../diagnostics.ts'
import type { Diagnostic, Result } from '../types.ts'
import { isoDateSchema } from './dates.ts'
import { schemaDiagnostics, yamlProblemDiagnostics } from './schema-diagnostics.ts'
import { testedVersionsSchema, type TestedVersions, type TestedWith } from './tested-with.ts'
import { normalizePageUrl } from './url.ts'
import { parseYamlData, type TextPosition } from './yaml-data.ts'

export type SiteMapNodeType = 'category' | 'topic' | 'post'

/** One entry of `content/posts.json`: a section (category), a series (topic) or a post. */
export type SiteMapNode = {
  title: string
  /** Normalised like page urls: `ml-skills/docker/`. */
  url: string
  type: SiteMapNodeType
  created?: string
  description?: string
  tags: string[]
  pinned: boolean
  /** Its own `tested` versions, or those of the series or section it is in. */
  tested?: TestedWith
  children: SiteMapNode[]
  /** Where the entry starts in the site map file. */
  position: TextPosition
}

export type SiteMap = {
  /** Path of the site map relative to the root, or undefined when the site has none. */
  file?: string
  nodes: SiteMapNode[]
  byUrl: ReadonlyMap<string, SiteMapNode>
}

type RawNode = {
  title: string
  url: string
  type?: SiteMapNodeType | undefined
  created?: string | undefined
  description?: string | undefined
  tags?: string[] | undefined
  pinned?: boolean | undefined
  tested?: TestedVersions | undefined
  children?: RawNode[] | undefined
}

const nodeSchema: z.ZodType<RawNode> = z.looseObject({
  title: z.string().min(1),
  url: z.string(),
  type: z.enum(['category', 'topic', 'post']).optional(),
  created: isoDateSchema.optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  pinned: z.boolean().optional(),
  tested: testedVersionsSchema.optional(),
  get children() {
    return z.array(nodeSchema).optional()
  },
})

const siteMapSchema = z.array(nodeSchema)

export const SITE_MAP_NAMES = ['posts.json', 'posts.yml', 'posts.yaml'] as const
const RULE = 'site-map'

/** Read the optional site map beside the posts; an absent file gives an empty map. */
export async function loadSiteMap(root: string, contentDir: string): Promise<Result<SiteMap>> {
  const empty: SiteMap = { nodes: [], byUrl: new Map() }
  for (const name of SITE_MAP_NAMES) {
    const file = path.join(contentDir, name)
    let text: string
    try {
      text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
    const relPath = path.relative(root, file).split(path.sep).join('/')
    return parseSiteMap(text, relPath)
  }
  return { value: empty, diagnostics: [] }
}

/** Validate site map text (JSON or YAML) and index its nodes by url. */
export function parseSiteMap(text: string, file: string): Result<SiteMap> {
  const empty: SiteMap = { file, nodes: [], byUrl: new Map() }
  const { data, problems } = parseYamlData(text)
  if (!data) return { value: empty, diagnostics: yamlProblemDiagnostics(file, RULE, problems) }
  const parsed = siteMapSchema.safeParse(data.value ?? [])
  if (!parsed.success) {
    return { value: empty, diagnostics: schemaDiagnostics(file, `${RULE}/invalid-entry`, 'site map', parsed.error.issues, data) }
  }
  const diagnostics: Diagnostic[] = []
  const byUrl = new Map<string, SiteMapNode>()
  const convert = (raw: RawNode, at: (string | number)[], inherited?: TestedWith): SiteMapNode => {
    const position = data.locate(at)
    const tested = raw.tested ? { versions: raw.tested, file, position: data.locate([...at, 'tested']) } : inherited
    const normalized = normalizePageUrl(raw.url)
    const url = 'url' in normalized ? normalized.url : ''
    if ('problem' in normalized) {
      diagnostics.push(createDiagnostic(file, 'error', `${RULE}/invalid-url`, normalized.problem.message, data.locate([...at, 'url']), normalized.problem.hint))
    }
    const children = (raw.children ?? []).map((child, i) => convert(child, [...at, 'children', i], tested))
    const node: SiteMapNode = {
      title: raw.title,
      url,
      type: raw.type ?? inferType(children),
      ...(raw.created ? { created: raw.created } : {}),
      ...(raw.description ? { description: raw.description } : {}),
      tags: raw.tags ?? [],
      pinned: raw.pinned ?? false,
      ...(tested ? { tested } : {}),
      children,
      position,
    }
    if (byUrl.has(url)) {
      diagnostics.push(createDiagnostic(file, 'error', `${RULE}/duplicate-url`, `site map lists url "/${url}" twice`, position, 'keep one entry per url'))
    } else {
      byUrl.set(url, node)
    }
    return node
  }
  const nodes = parsed.data.map((raw, i) => convert(raw, [i]))
  return { value: { file, nodes, byUrl }, diagnostics }
}

function inferType(children: readonly SiteMapNode[]): SiteMapNodeType {
  if (children.length === 0) return 'post'
  return children.every((child) => child.children.length === 0) ? 'topic' : 'category'
}
