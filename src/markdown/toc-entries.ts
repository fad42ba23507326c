import type { List, ListItem, PhrasingContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { TocEntry } from '../types.ts'

/** Turn mdast-util-toc's nested list into plain entries for templates (a sidebar, say); `depthOf` maps an id to its heading level. */
export function tocEntriesFromList(list: List, depthOf: (id: string) => number): TocEntry[] {
  return list.children.flatMap((item) => entriesFromItem(item, depthOf))
}

function entriesFromItem(item: ListItem, depthOf: (id: string) => number): TocEntry[] {
  let entry: TocEntry | undefined
  const nested: TocEntry[] = []
  for (const child of item.children) {
    if (child.type === 'paragraph') {
      const link = child.children.find((c: PhrasingContent) => c.type === 'link')
      if (link) {
        const id = link.url.slice(1)
        entry = { id, text: toString(link), depth: depthOf(id), children: [] }
      }
    } else if (child.type === 'list') {
      nested.push(...tocEntriesFromList(child, depthOf))
    }
  }
  if (!entry) return nested // a skipped level: lift its children rather than invent an entry
  entry.children = nested
  return [entry]
}
