import path from 'node:path'
import type { Definition, Root } from 'mdast'
import { visit } from './visit-tree.ts'
import type { VFile } from 'vfile'

/** A post's link and image definitions by normalised label; as in CommonMark, the first one wins. */
export function collectDefinitions(tree: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>()
  visit(tree, 'definition', (node) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node)
  })
  return definitions
}

/** The post's absolute source path, which relative urls resolve against. */
export function postPathOf(file: VFile, contentDir: string): string {
  return file.path ? path.resolve(file.path) : path.join(contentDir, 'index.md')
}
