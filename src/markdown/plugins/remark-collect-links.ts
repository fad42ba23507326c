import path from 'node:path'
import type { Definition, Link, LinkReference, Root } from 'mdast'
import { visit } from '../visit-tree.ts'
import type { VFile } from 'vfile'
import type { LinkRef, PostLink } from '../../types.ts'
import { collectDefinitions, postPathOf } from '../definitions.ts'
import { decodeOrKeep } from '../../paths.ts'
import '../file-data.ts'
import { createPostLinkSlots } from '../post-link-slots.ts'

export type Options = {
  /** The content folder, for links written as site paths to markdown files (`/docker/volumes.md`). Required. */
  contentDir: string
}

// `volumes.md`, `../docker/volumes.md#usage`: a link to a post's source rather than its page.
const MARKDOWN_TARGET = /^(?![a-z][a-z0-9+.-]*:|\/\/)([^?#]*\.md)(#.*)?$/i

/**
 * List every link of the page on `file.data.links` with its position, for the site-wide link check.
 * Links to a post's markdown source (`volumes.md`) go on `file.data.postLinks` instead, with a slot in
 * their href that the site stage fills with that post's url (see post-link-slots.ts).
 */
export default function remarkCollectLinks(options: Options) {
  return (tree: Root, file: VFile) => {
    const definitions = collectDefinitions(tree)
    const links: LinkRef[] = []
    const postLinks: PostLink[] = []
    const postPath = postPathOf(file, options.contentDir)
    let slotOf: ((index: number) => string) | undefined
    visit(tree, (node, index, parent) => {
      if (node.type !== 'link' && node.type !== 'linkReference') return
      const target: Link | Definition | undefined = node.type === 'link' ? node : definitions.get((node as LinkReference).identifier)
      if (!target) return
      const markdown = MARKDOWN_TARGET.exec(target.url)
      if (markdown) {
        const [, source, fragment = ''] = markdown
        const decoded = decodeOrKeep(source!)
        const absolute = decoded.startsWith('/') ? path.join(options.contentDir, decoded) : path.resolve(path.dirname(postPath), decoded)
        slotOf ??= createPostLinkSlots(String(file.value))
        const slot = slotOf(postLinks.length)
        postLinks.push({ ...at(target.url, node), file: absolute, fragment, slot })
        const data = { hProperties: { href: slot } }
        if (node.type === 'link') node.data = { ...node.data, ...data }
        // A definition may serve several references: give this one a link of its own.
        else if (parent && index !== undefined) parent.children[index] = { type: 'link', url: target.url, title: target.title ?? null, children: node.children, data, ...(node.position ? { position: node.position } : {}) }
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
