import type { Node, Parent } from 'unist'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { EXIT, SKIP, visit as libraryVisit, type VisitorResult } from 'unist-util-visit'
import { expect, test } from 'vitest'
import { visit } from '../../src/markdown/visit-tree.ts'

const MARKDOWN = `# Title

Some *emphasis* and \`code\`.

<!-- a comment -->

- one
  - nested **bold**
- two

<!-- another -->

| a | b |
|---|---|
| 1 | 2 |

> quote with [a link](https://example.com)
`

const parse = () => unified().use(remarkParse).use(remarkGfm).parse(MARKDOWN) as Node

type Visitor = (node: Node, index: number | undefined, parent: Parent | undefined) => VisitorResult

/** Run the same visitor through unist-util-visit and through berth's walk; both must see and leave the same. */
function compare(type: string | undefined, visitor: (seen: string[]) => Visitor) {
  const runs = [libraryVisit, visit].map((walk) => {
    const tree = parse()
    const seen: string[] = []
    const visitorFn = visitor(seen)
    if (type) (walk as (t: Node, type: string, v: Visitor) => void)(tree, type, visitorFn)
    else (walk as (t: Node, v: Visitor) => void)(tree, visitorFn)
    return { seen, tree: JSON.stringify(tree) }
  })
  expect(runs[1]!.seen.length).toBeGreaterThan(0)
  expect(runs[1]).toEqual(runs[0])
}

test('every node, in the same order, with the same index and parent', () => {
  compare(undefined, (seen) => (node, index, parent) => void seen.push(`${node.type}@${index}<${parent?.type}`))
})

test('only the nodes of one type', () => {
  compare('text', (seen) => (node, index) => void seen.push(`${(node as Node & { value: string }).value}@${index}`))
})

test('SKIP leaves out the children of a node', () => {
  compare(undefined, (seen) => (node) => {
    seen.push(node.type)
    return node.type === 'list' || node.type === 'table' ? SKIP : undefined
  })
})

test('removing a node and returning [SKIP, index] goes on with the next sibling', () => {
  compare(undefined, (seen) => (node, index, parent) => {
    seen.push(node.type)
    if (node.type === 'html' && parent && index !== undefined) {
      parent.children.splice(index, 1)
      return [SKIP, index]
    }
    return undefined
  })
})

test('EXIT stops the whole walk', () => {
  compare(undefined, (seen) => (node) => {
    seen.push(node.type)
    return node.type === 'emphasis' ? EXIT : undefined
  })
})
