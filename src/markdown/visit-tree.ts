import type { Node, Parent } from 'unist'
import { EXIT, SKIP, type BuildVisitor, type VisitorResult } from 'unist-util-visit'

export { SKIP }

/**
 * unist-util-visit's `visit` (same types, same order, same SKIP / EXIT / next-index results) for the
 * two forms berth's plugins use: every node, or the nodes of one type. It walks the tree without
 * building an ancestor list for every node, which made the library's walk about four times slower:
 * with a dozen plugins each walking every post, that was an eighth of the markdown stage.
 */
export function visit<Tree extends Node, Check extends string>(tree: Tree, type: Check, visitor: BuildVisitor<Tree, Check>): undefined
export function visit<Tree extends Node>(tree: Tree, visitor: BuildVisitor<Tree>): undefined
export function visit(tree: Node, typeOrVisitor: string | AnyVisitor, maybeVisitor?: AnyVisitor): undefined {
  const type = typeof typeOrVisitor === 'string' ? typeOrVisitor : undefined
  const visitor = (typeof typeOrVisitor === 'string' ? maybeVisitor : typeOrVisitor) as AnyVisitor
  walk(tree, undefined, undefined, type, visitor)
  return undefined
}

// The library's visitor types are built per tree; inside the walk every node is just a unist node.
type AnyVisitor = (node: Node, index: number | undefined, parent: Parent | undefined) => VisitorResult

/** Visit `node` and its descendants; false to stop the whole walk, else the index of the sibling to visit next. */
function walk(node: Node, index: number | undefined, parent: Parent | undefined, type: string | undefined, visitor: AnyVisitor): number | false {
  const result = type === undefined || node.type === type ? visitor(node, index, parent) : undefined
  const [action, next] = Array.isArray(result) ? result : typeof result === 'number' ? [true, result] : [result]
  if (action === EXIT) return false
  const children = (node as Partial<Parent>).children
  if (action !== SKIP && children) {
    // Children are read live, so a visitor may replace or remove the node it is given.
    for (let at = 0; at > -1 && at < children.length; ) {
      const after = walk(children[at]!, at, node as Parent, type, visitor)
      if (after === false) return false
      at = after
    }
  }
  return typeof next === 'number' ? next : (index ?? 0) + 1
}
