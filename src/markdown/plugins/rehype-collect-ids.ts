import type { Root } from 'hast'
import { visit } from '../visit-tree.ts'
import type { VFile } from 'vfile'
import '../file-data.ts'

const RAW_ID = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi

/** List every element id on the page (headings, footnotes, ids in raw HTML) on `file.data.ids`, for anchor checks. */
export default function rehypeCollectIds() {
  return (tree: Root, file: VFile) => {
    const ids = new Set<string>()
    visit(tree, (node) => {
      if (node.type === 'element' && typeof node.properties.id === 'string') ids.add(node.properties.id)
      // Raw HTML written in a post is kept as text until the page is written; read its ids here.
      else if (node.type === 'raw') for (const m of node.value.matchAll(RAW_ID)) ids.add(m[1] ?? m[2] ?? m[3]!)
    })
    file.data.ids = [...ids]
  }
}
