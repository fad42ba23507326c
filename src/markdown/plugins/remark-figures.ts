import type { Image, Paragraph, Root } from 'mdast'
import { visit } from '../visit-tree.ts'

/**
 * An image standing alone in its paragraph with a title (`[id]: /assets/x.png "Caption"`, or
 * `![alt](x.png "Caption")`) becomes `<figure>` with the title as its `<figcaption>`.
 */
export default function remarkFigures() {
  return (tree: Root) => {
    visit(tree, 'paragraph', (paragraph: Paragraph) => {
      const content = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
      const image = content.length === 1 && content[0]!.type === 'image' ? (content[0] as Image) : undefined
      if (!image?.title) return
      const caption = image.title
      image.title = null
      paragraph.children = [image, { type: 'text', value: caption, data: { hName: 'figcaption', hChildren: [{ type: 'text', value: caption }] } }]
      paragraph.data = { ...paragraph.data, hName: 'figure', hProperties: { className: ['figure'] } }
    })
  }
}
