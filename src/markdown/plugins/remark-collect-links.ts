import path from 'node:path'
import type { Definition, Link, LinkReference, Root } from 'mdast'
import { visit } from '../visit-tree.ts'
import type { VFile } from 'vfile'
import type { LinkRef } from '../../types.ts'
import { collectDefinitions, postPathOf } from '../definitions.ts'
import { decodeOrKeep } from '../../paths.ts'
import '../file-data.ts'
import { reportError } from '../report.ts'

export type Options = {
  /** The content folder, for links written as site paths to markdown files (`/docker/volumes.md`). Required. */
  contentDir: string
  /** The url of the post at an absolute source path, if there is one. Default: none are known. */
  resolvePost?: (file: string) => string | undefined
}

// `volumes.md`, `../docker/volumes.md#usage`: a link to a post's source rather than its page.
const MARKDOWN_TARGET = /^(?![a-z][a-z0-9+.-]*:|\/\/)([^?#]*\.md)(#.*)?$/i

/**
 * List every link of the page on `file.data.links` with its position, for the site-wide link check.
 * Links to a post's markdown source (`volumes.md`) become links to that post's page.
 */
export default function remarkCollectLinks(options: Options) {
  return (tree: Root, file: VFile) => {
    const definitions = collectDefinitions(tree)
    const links: LinkRef[] = []
    const postLinks: Record<string, string | null> = {}
    const postPath = postPathOf(file, options.contentDir)
    visit(tree, (node, index, parent) => {
      if (node.type !== 'link' && node.type !== 'linkReference') return
      const target: Link | Definition | undefined = node.type === 'link' ? node : definitions.get((node as LinkReference).identifier)
      if (!target) return
      const markdown = MARKDOWN_TARGET.exec(target.url)
      if (markdown) {
        const [, source, fragment = ''] = markdown
        const decoded = decodeOrKeep(source!)
        const absolute = decoded.startsWith('/') ? path.join(options.contentDir, decoded) : path.resolve(path.dirname(postPath), decoded)
        const url = options.resolvePost?.(absolute)
        postLinks[absolute] = url ?? null
        if (url === undefined) {
          reportError(file, node, 'link/broken', `link to "${target.url}": there is no post at ${path.relative(path.dirname(options.contentDir), absolute).split(path.sep).join('/')}`, 'link to an existing post, e.g. `volumes.md` for a post beside this one')
          return
        }
        const resolved = `/${url}${fragment}`
        if (node.type === 'link') node.url = resolved
        // A definition may serve several references: give this one a link of its own.
        else if (parent && index !== undefined) parent.children[index] = { type: 'link', url: resolved, title: target.title ?? null, children: node.children, ...(node.position ? { position: node.position } : {}) }
        links.push(at(resolved, node))
        return
      }
      links.push(at(target.url, node))
    })
    file.data.links = links
    file.data.postLinks = postLinks
  }
}

function at(url: string, node: { position?: { start: { line: number; column: number } } | undefined }): LinkRef {
  const point = node.position?.start
  return { url, ...(point ? { line: point.line, column: point.column } : {}) }
}
