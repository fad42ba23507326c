import path from 'node:path'
import type { Definition, Link, LinkReference, Root } from 'mdast'
import { visit } from '../visit-tree.ts'
import type { VFile } from 'vfile'
import type { LinkRef, PostLink } from '../../types.ts'
import { collectDefinitions, postPathOf } from '../definitions.ts'
import { decodeOrKeep, isExternalUrl } from '../../paths.ts'
import '../file-data.ts'
import { applyEdits, escapeAttribute, findTags, pointInNode } from '../html-tags.ts'
import { createPostLinkSlots } from '../post-link-slots.ts'

const ANCHOR = new Set(['a'])

export type Options = {
  /** The content folder, for links written from the site's root (`/docker/volumes.md`). Required. */
  contentDir: string
}

/**
 * List every link of the page (`<a href>` in raw HTML too) with its position, for the site-wide link check. A link to a path
 * (`volumes.md`, `../labs/`, `files/compose.yaml`) goes on `file.data.postLinks` with a slot in its href,
 * which the site stage fills once it knows what each source file became (see post-link-slots.ts); other
 * links (`#anchors`, external urls) go on `file.data.links` as written.
 */
export default function remarkCollectLinks(options: Options) {
  return (tree: Root, file: VFile) => {
    const definitions = collectDefinitions(tree)
    const links: LinkRef[] = []
    const postLinks: PostLink[] = []
    const postPath = postPathOf(file, options.contentDir)
    let slotOf: ((index: number) => string) | undefined
    /** Note a link; for a path, return the slot its href gets instead. */
    const collect = (url: string, point: LinkRef): string | undefined => {
      const written = url.trim()
      const pathPart = /^[^?#]*/.exec(written)![0]
      if (pathPart === '' || isExternalUrl(written)) {
        links.push(point)
        return undefined
      }
      const decoded = decodeOrKeep(pathPart)
      const rooted = decoded.startsWith('/')
      slotOf ??= createPostLinkSlots(String(file.value))
      const slot = slotOf(postLinks.length)
      postLinks.push({
        ...point,
        file: rooted ? path.join(options.contentDir, decoded) : path.resolve(path.dirname(postPath), decoded),
        ...(rooted ? { rooted: decoded } : {}),
        suffix: written.slice(pathPart.length),
        slot,
      })
      return slot
    }
    visit(tree, (node, index, parent) => {
      // `<a href="setup.md">` in raw HTML is a link as GitHub reads it: the href gets its slot in place.
      if (node.type === 'html') {
        if (!/<a\b/i.test(node.value)) return
        const edits = findTags(node.value, ANCHOR).flatMap((tag) => {
          const href = tag.attributes.get('href')
          const span = tag.spans.get('href')
          if (href === undefined || !span) return []
          const point = pointInNode(node.position?.start, tag.line, tag.column)
          const slot = collect(href, { url: href, ...point })
          return slot ? [{ start: span.start, end: span.end, text: `href="${escapeAttribute(slot)}"` }] : []
        })
        node.value = applyEdits(node.value, edits)
        return
      }
      if (node.type !== 'link' && node.type !== 'linkReference') return
      const target: Link | Definition | undefined = node.type === 'link' ? node : definitions.get((node as LinkReference).identifier)
      if (!target) return
      const slot = collect(target.url, at(target.url, node))
      if (!slot) return
      const data = { hProperties: { href: slot } }
      if (node.type === 'link') node.data = { ...node.data, ...data }
      // A definition may serve several references: give this one a link of its own.
      else if (parent && index !== undefined) parent.children[index] = { type: 'link', url: target.url, title: target.title ?? null, children: node.children, data, ...(node.position ? { position: node.position } : {}) }
    })
    file.data.links = links
    file.data.postLinks = postLinks
  }
}

function at(url: string, node: { position?: { start: { line: number; column: number } } | undefined }): LinkRef {
  const point = node.position?.start
  return { url, ...(point ? { line: point.line, column: point.column } : {}) }
}
