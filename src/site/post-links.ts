import { statSync } from 'node:fs'
import path from 'node:path'
import { normalizeUri } from 'micromark-util-sanitize-uri'
import { createDiagnostic } from '../diagnostics.ts'
import { digestOf } from '../digest-files.ts'
import { isFolderIndex } from '../load/url.ts'
import { isInside, toPosix } from '../paths.ts'
import type { Diagnostic, LinkRef, OutputFile, PostLink, RenderedPage, Result } from '../types.ts'
import { suggest } from './links.ts'
import type { Landing, PageLinks, SiteMemo } from './site-memo.ts'

/**
 * The site stage's half of links to paths: each is resolved as GitHub resolves it, from the post's
 * folder (or, for `/…`, the repository's root, then the content folder), to the page a `.md` file or a
 * folder's README became, or to a file beside the posts, which is then published. A link that names
 * no source is read as a site url (`/docker/volumes/`, `../volumes/`) and left to the link check; a
 * `.md` file that is no post is an error at the link.
 */
export function resolvePostLinks(pages: readonly RenderedPage[], dirs: { root: string; contentDir: string }, base: string, memo?: SiteMemo): Result<{ pages: RenderedPage[]; files: OutputFile[] }> {
  const urlBySource = new Map(pages.map((page) => [page.source.path, page.url]))
  // A landing holds while every post keeps its source and url (and no file came or went: see forgetLandings).
  const world = JSON.stringify([...urlBySource])
  if (memo && memo.landings.world !== world) memo.landings = { world, byLink: new Map() }
  const landed = memo?.landings.byLink
  // What landing a link needs to know of the site, made on the first link not landed before.
  let site: { urlByFolder: Map<string, string>; sources: string[]; folderUrls: Set<string> } | undefined
  const siteOnce = () =>
    (site ??= {
      // A folder's README or index stands for the folder, as on GitHub.
      urlByFolder: new Map(pages.filter((page) => isFolderIndex(path.basename(page.source.path))).map((page) => [path.dirname(page.source.path), page.url])),
      sources: pages.map((page) => toPosix(path.relative(dirs.contentDir, page.source.path))),
      folderUrls: new Set(pages.flatMap((page) => page.url.split('/').slice(0, -2).map((_, i, parts) => `${parts.slice(0, i + 1).join('/')}/`))),
    })
  const diagnostics: Diagnostic[] = []
  const files = new Map<string, OutputFile>()
  const landOnce = (link: PostLink): Landing => {
    const key = `${link.rooted ?? ''}\0${link.file}\0${link.url}`
    const known = landed?.get(key)
    if (known) return known
    const landing = land(link)
    landed?.set(key, landing)
    return landing
  }
  const land = (link: PostLink): Landing => {
    const { urlByFolder, sources, folderUrls } = siteOnce()
    const candidates = link.rooted ? [path.join(dirs.root, link.rooted), link.file] : [link.file]
    for (const file of candidates) {
      const url = urlBySource.get(file) ?? urlByFolder.get(file)
      if (url !== undefined) return { target: `/${url}` }
      const stat = statSync(file, { throwIfNoEntry: false })
      if (!stat) continue
      const shown = toPosix(path.relative(dirs.root, file))
      if (!isInside(dirs.contentDir, file)) {
        if (!isInside(dirs.root, file)) continue
        return { unpublished: `link to "${link.url}": ${shown} lies outside content/, so the site does not publish it (GitHub shows it)`, hint: 'move the file into content/, or link to its page on GitHub with a full https:// url' }
      }
      const rel = toPosix(path.relative(dirs.contentDir, file))
      if (stat.isDirectory()) {
        // A folder is a page on the site when posts lie in it; GitHub lists any folder's files.
        if (rel === '' || folderUrls.has(`${rel}/`)) return { target: rel === '' ? '/' : `/${rel}/` }
        return { unpublished: `link to "${link.url}": folder ${shown}/ has no README.md or posts, so the site has no page for it (GitHub lists its files)`, hint: 'add a README.md to the folder that links its files, or link to the files themselves' }
      }
      if (!/\.md$/i.test(file)) return { target: `/${rel}`, file: { path: rel, from: file } }
    }
    if (!/\.md$/i.test(link.file)) return { target: '' }
    const wanted = toPosix(path.relative(dirs.contentDir, link.file))
    const guess = suggest(wanted, sources)
    return { broken: `link to "${link.url}": there is no post at content/${wanted}${guess ? `; did you mean content/${guess}?` : ''}` }
  }
  const fill = (page: RenderedPage, known: PageLinks | undefined): PageLinks => {
    const links: LinkRef[] = []
    const found: Diagnostic[] = []
    const published: OutputFile[] = []
    const slots = page.postLinks.map((link) => {
      const place = link.line ? { line: link.line, column: link.column ?? 1 } : undefined
      const landing = landOnce(link)
      if ('broken' in landing || 'unpublished' in landing) {
        found.push(
          'broken' in landing
            ? createDiagnostic(page.source.relPath, 'error', 'link/broken', landing.broken, place, 'link to the file as it lies beside this post, e.g. `volumes.md` or `../labs/README.md`')
            : createDiagnostic(page.source.relPath, 'warning', 'link/unpublished', landing.unpublished, place, landing.hint),
        )
        // Such a link keeps what the author wrote.
        return { slot: link.slot, href: normalizeUri(link.url) }
      }
      if (landing.file) published.push(landing.file)
      // Not a source: a site url, relative to the page's url or from the site's root, for the link check.
      const target = landing.target === '' ? link.url : `${landing.target}${link.suffix}`
      links.push({ url: target, ...(target !== link.url ? { written: link.url } : {}), ...place })
      const rootRelative = target.startsWith('/')
      return { slot: link.slot, href: rootRelative ? base + normalizeUri(target).slice(1) : normalizeUri(target) }
    })
    const hrefs = JSON.stringify(slots.map((s) => s.href))
    // The same hrefs as last time: the same page object, so later stages see it unchanged.
    if (known?.hrefs === hrefs) return { ...known, diagnostics: found, files: published }
    // The HTML stays as markdown made it, its hrefs beside it (see htmlText); the digest names both.
    const filled: RenderedPage = { ...page, linkHrefs: slots, htmlDigest: digestOf(`${page.htmlDigest}\n${hrefs}`), links: [...page.links, ...links] }
    return { hrefs, page: filled, diagnostics: found, files: published }
  }
  const resolved = pages.map((page) => {
    if (page.postLinks.length === 0) return page
    const known = memo?.postLinks.get(page)
    // Landed against the same posts and files as last time: nothing to resolve again.
    const outcome = known && known.landings === landed ? known : { ...fill(page, known), landings: landed }
    memo?.postLinks.set(page, outcome)
    diagnostics.push(...outcome.diagnostics)
    for (const file of outcome.files) files.set(file.path, file)
    return outcome.page
  })
  return { value: { pages: resolved, files: [...files.values()] }, diagnostics }
}
