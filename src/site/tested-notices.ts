import type { ResolvedConfig } from '../config.ts'
import { createDiagnostic } from '../diagnostics.ts'
import { majorOf, type TestedWith } from '../load/tested-with.ts'
import type { Diagnostic, Page } from '../types.ts'

/** How readers know the tools: `compose` is Docker Compose. Other names are shown as written. */
const TOOL_NAMES: Readonly<Record<string, string>> = {
  docker: 'Docker',
  compose: 'Docker Compose',
  buildx: 'Docker Buildx',
  kubernetes: 'Kubernetes',
  k8s: 'Kubernetes',
  node: 'Node.js',
  python: 'Python',
}

/** One tool a post was tested with; `current` and `behind` only when the site names today's version and the post's is too old. */
export type TestedTool = { tool: string; name: string; version: string; current?: string; behind?: number }

/** A post's "tested with" notice: every tool, and the ones that are outdated by the site's `tested` setting. */
export type TestedNotice = { tools: TestedTool[]; outdated: TestedTool[] }

/** The notice for a post's tested versions, in the order the author wrote them. */
export function testedNotice(tested: TestedWith, config: Pick<ResolvedConfig, 'tested'>): TestedNotice {
  const tools = Object.entries(tested.versions).map(([tool, version]): TestedTool => {
    const named = { tool, name: TOOL_NAMES[tool.toLowerCase()] ?? tool, version }
    const current = config.tested.current[tool]
    const [was, now] = [majorOf(version), current === undefined ? undefined : majorOf(current)]
    const behind = was !== undefined && now !== undefined ? now - was : 0
    return behind > config.tested.majorsBehind ? { ...named, current: current!, behind } : named
  })
  return { tools, outdated: tools.filter((tool) => tool.behind !== undefined) }
}

/**
 * A warning for each outdated version, at the `tested` key that says so: a post's front matter, or the
 * site map entry of a series, which then names the posts that inherit it.
 */
export function outdatedWarnings(pages: readonly Pick<Page, 'url' | 'tested'>[], config: Pick<ResolvedConfig, 'tested'>): Diagnostic[] {
  // Keyed by place, not object: pages read back from the cache hold copies of a series' declaration.
  const byDeclaration = new Map<string, { tested: TestedWith; urls: string[] }>()
  for (const page of pages) {
    if (!page.tested) continue
    const place = `${page.tested.file}:${page.tested.position.line}:${page.tested.position.column}`
    const entry = byDeclaration.get(place) ?? { tested: page.tested, urls: [] }
    byDeclaration.set(place, { ...entry, urls: [...entry.urls, `/${page.url}`] })
  }
  return [...byDeclaration.values()].flatMap(({ tested, urls }) =>
    testedNotice(tested, config).outdated.map((tool) =>
      createDiagnostic(
        tested.file,
        'warning',
        'tested/outdated',
        `${listed(urls)} ${urls.length === 1 ? 'was' : 'were'} tested with ${tool.name} ${tool.version}, ${tool.behind} major versions behind ${tool.current}: readers may find steps that no longer work`,
        tested.position,
        `run the tutorial with ${tool.name} ${tool.current} and set tested.${tool.tool} to "${tool.current}", or allow more with "tested": {"majorsBehind": ${tool.behind}} in the config`,
      ),
    ),
  )
}

function listed(urls: readonly string[]): string {
  return urls.length <= 3 ? urls.join(', ') : `${urls.slice(0, 3).join(', ')} and ${urls.length - 3} more`
}
