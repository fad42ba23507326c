import type { Root } from 'hast'
import { visit } from '../visit-tree.ts'
import type { VFile } from 'vfile'
import '../file-data.ts'

const RAW_ID = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi
// `<a name="step-2">`, the anchor GitHub's READMEs use (GitHub keeps `name` on links and links to it).
const RAW_NAMED_ANCHOR = /<a\s(?:[^>]*?\s)?name\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi

/**
 * List every element id on the page (headings, footnotes, ids and `<a name>` anchors in raw HTML) on
 * `file.data.ids`, for anchor checks.
 */
export default function rehypeCollectIds() {
  return (tree: Root, file: VFile) => {
    const ids = new Set<string>()
    visit(tree, (node) => {
      if (node.type === 'element') {
        if (typeof node.properties.id === 'string') ids.add(node.properties.id)
        if (node.tagName === 'a' && typeof node.properties.name === 'string') ids.add(node.properties.name)
      }
      // Raw HTML written in a post is kept as text until the page is written; read its anchors here.
      else if (node.type === 'raw') for (const pattern of [RAW_ID, RAW_NAMED_ANCHOR]) for (const m of node.value.matchAll(pattern)) ids.add(m[1] ?? m[2] ?? m[3]!)
    })
    file.data.ids = [...ids]
  }
}
