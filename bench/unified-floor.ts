// The floor berth stands on: gray-matter and the bare unified pipeline (remark-parse, remark-gfm,
// remark-rehype, rehype-stringify) over every post, in one thread, no templates, no files written.
// Run by the harness as a process of its own: node --import tsx bench/unified-floor.ts CONTENT_DIR
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import matter from 'gray-matter'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'

const dir = process.argv[2]
if (!dir) throw new Error('usage: unified-floor.ts CONTENT_DIR')
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true }).freeze()
let bytes = 0
for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort()) {
  // An options object turns gray-matter's cache off, as berth does.
  const { content } = matter(readFileSync(path.join(dir, name), 'utf8'), { language: 'yaml' })
  bytes += String(processor.processSync(content)).length
}
if (bytes === 0) throw new Error('no posts rendered')
