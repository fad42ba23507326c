import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { reportWarning } from '../report.ts'
import { visit } from '../visit-tree.ts'

/** `{% tag … %}`, and `{{ name … }}` (not Go's `{{.Names}}`, which Docker's docs are full of). */
const LIQUID = /\{%-?\s*(\w+)[^%]*?-?%\}|\{\{-?\s*[A-Za-z_][\w.]*[^}]*\}\}/g
/** In a code block, only Jekyll's escape for Go templates is Liquid: the rest is the reader's code. */
const IN_CODE = /\{%-?\s*(raw|endraw)\s*-?%\}/g

/** What berth does instead of each Liquid tag a Jekyll post uses. */
const INSTEAD: Readonly<Record<string, string>> = {
  highlight: 'write a fenced code block: ```bash on the line before the code and ``` after it',
  endhighlight: 'write a fenced code block: ```bash on the line before the code and ``` after it',
  raw: 'remove {% raw %} and {% endraw %}: berth shows {{ … }} as written',
  endraw: 'remove {% raw %} and {% endraw %}: berth shows {{ … }} as written',
  include: 'paste the text into the post, or put shared HTML in a template partial (templates/partials/)',
  post_url: 'link to the post\'s file instead: [text](other-post.md); berth rewrites it to the page\'s url',
  link: 'link to the file instead: [text](other-post.md); berth rewrites it to the page\'s url',
}
const VARIABLE = 'write the value itself: berth shows a post as written and runs Liquid only in templates/'

/**
 * Liquid in a post is a Jekyll habit: berth runs templates only in `templates/`, so a tag in a post
 * would reach the reader as written. Each one is a warning at its place, with what berth does instead.
 */
export default function remarkLiquidTags() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value)
    const place = location(file)
    visit(tree, (node) => {
      // Not inline code: a `{% raw %}` there is more often prose about Jekyll than Jekyll itself.
      const pattern = node.type === 'text' ? LIQUID : node.type === 'code' ? IN_CODE : undefined
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (!pattern || start === undefined || end === undefined) return
      for (const match of source.slice(start, end).matchAll(pattern)) {
        const tag = match[1]
        const hint = tag === undefined ? VARIABLE : INSTEAD[tag] ?? 'write what the tag would make (text, a link, a fenced code block): berth runs Liquid only in templates/'
        const at = start + match.index
        const [from, to] = [place.toPoint(at), place.toPoint(at + match[0].length)]
        if (!from || !to) continue
        reportWarning(file, { position: { start: from, end: to } }, 'markdown/liquid', `Liquid ${tag === undefined ? 'output' : 'tag'} "${match[0]}" in a post is shown to readers as written`, hint)
      }
    })
  }
}
