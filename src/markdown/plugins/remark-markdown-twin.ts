import type { Definition, Html, Image, Link, Nodes, Root } from 'mdast'
import type { VFile } from 'vfile'
import { isExternalUrl, withBase } from '../../paths.ts'
import '../file-data.ts'
import { applyEdits } from '../html-tags.ts'
import { createTwinTokens } from '../post-link-slots.ts'
import { visit } from '../visit-tree.ts'

export type Options = {
  /** The site's base path, which images get here (links to paths carry their slots). Default `/`. */
  base?: string
  /** Raw HTML is left out of the twin when the site sanitizes it: the twin is not sanitized. */
  keepHtml?: boolean
}

const COMMENT = /^\s*<!--[\s\S]*?-->\s*$/
const ROOTED_ATTRIBUTE = /(\s(?:src|href)=["'])\/(?!\/)/g

/**
 * The post as markdown for readers that want text (AI tools, `llms.txt`): the author's own text, edited
 * in place where the page's markdown is not enough on its own. The leading `#` title (the site stage
 * writes the page's), the `<toc>` directive and comments go;
 * every image and link gets an absolute url (tokens for the site's origin and the page's url, slots for
 * links to other posts, which the site stage fills in); reference-style images and links to paths
 * become inline, and the definitions they no longer need go. Goes to `file.data.twin`; runs after
 * images are resolved and links collected, and before comments are dropped.
 */
export default function remarkMarkdownTwin(options: Options = {}) {
  const base = options.base ?? '/'
  return (tree: Root, file: VFile) => {
    const text = String(file.value)
    const tokens = createTwinTokens(text)
    const absolute = (url: string) => (/^[#?]/.test(url) ? tokens.page + url : url.startsWith('/') && !url.startsWith('//') ? tokens.origin + withBase(base, url) : url)
    const title = file.data.titleSpan
    const edits: { start: number; end: number; text: string }[] = title ? [{ start: title[0], end: title[1], text: '' }] : []
    const replace = (node: Nodes, value: string) => {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start !== undefined && end !== undefined) edits.push({ start, end, text: value })
    }
    visit(tree, (node) => {
      if (node.type === 'tocNav') return replace(node, '')
      if (node.type === 'definition') {
        // Only references to external urls and `#anchors` are left to use a definition.
        if (isExternalUrl(node.url)) return
        return replace(node, /^[#?]/.test(node.url) ? `[${node.label ?? node.identifier}]: ${destination(absolute(node.url))}${titlePart(node)}` : '')
      }
      // What is absolute already stays as the author wrote it.
      if (node.type === 'image') return isExternalUrl(node.url) ? undefined : replace(node, `![${escapeText(node.alt ?? '')}](${destination(absolute(node.url))}${titlePart(node)})`)
      if (node.type === 'html') return replace(node, htmlInTwin(node, options.keepHtml !== false, tokens.origin))
      if (node.type !== 'link') return
      // The link text stays as written; what follows it (`](url)` or `][ref]`) gets the absolute url.
      const href = node.data?.hProperties?.href
      if (typeof href !== 'string' && isExternalUrl(node.url)) return
      const url = typeof href === 'string' ? href : absolute(node.url)
      const start = node.children.at(-1)?.position?.end.offset ?? (node.position ? node.position.start.offset! + 1 : undefined)
      const end = node.position?.end.offset
      if (start !== undefined && end !== undefined && !isAutolink(node, text)) edits.push({ start, end, text: `](${destination(url)}${titlePart(node)})` })
    })
    // Definitions in the middle of a paragraph's lines are not nodes; blank runs left by removals close up.
    file.data.twinTokens = tokens
    file.data.twin = applyEdits(text, edits).replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim() + '\n'
  }
}

/** Raw HTML as the twin has it: comments out, root-relative `src`/`href` absolute, or none of it on a sanitizing site. */
function htmlInTwin(node: Html, keep: boolean, origin: string): string {
  if (!keep || COMMENT.test(node.value)) return ''
  return node.value.replace(ROOTED_ATTRIBUTE, `$1${origin}/`)
}

/** `<https://docker.com>` and bare urls GFM links: already absolute, and with no `](` to edit. */
function isAutolink(node: Link, text: string): boolean {
  const start = node.position?.start.offset
  return start === undefined || text[start] !== '['
}

function destination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, (c) => encodeURIComponent(c))}>` : url
}

function titlePart(node: Image | Link | Definition): string {
  return node.title ? ` "${node.title.replace(/"/g, '\\"')}"` : ''
}

function escapeText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`)
}
