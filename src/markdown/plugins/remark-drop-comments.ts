import type { Root } from 'mdast'
import { SKIP, visit } from '../visit-tree.ts'

const ONLY_COMMENTS = /^(?:\s*<!--[\s\S]*?-->)+\s*$/

/** Remove HTML comments (`<!-- MARKDOWN LINKS & IMAGES -->`): notes to the author, not to readers. */
export default function remarkDropComments() {
  return (tree: Root) => {
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined || !ONLY_COMMENTS.test(node.value)) return
      parent.children.splice(index, 1)
      return [SKIP, index]
    })
  }
}
