import type { Root } from 'hast'
import { isRootRelative } from '../../paths.ts'
import { visit } from '../visit-tree.ts'

export type Options = {
  /** The path the site is served under, starting and ending with `/`. Default `/`. */
  base?: string
}

const URL_ATTRIBUTES = ['href', 'src', 'poster'] as const

/** Prefix root-relative urls (`/assets/x.png`) with the site's base path, so a site under `/docs/` works. */
export default function rehypeBaseUrl(options: Options = {}) {
  const base = options.base ?? '/'
  return (tree: Root) => {
    if (base === '/') return
    visit(tree, 'element', (node) => {
      for (const name of URL_ATTRIBUTES) {
        const value = node.properties[name]
        if (typeof value === 'string' && isRootRelative(value)) {
          node.properties[name] = base + value.slice(1)
        }
      }
      // `srcset` is a list: `/a.480w.webp 480w, /a.960w.webp 960w`.
      const srcSet = node.properties.srcSet
      if (typeof srcSet === 'string') {
        node.properties.srcSet = srcSet.replace(/(^|,\s*)(\/(?!\/)[^\s,]*)/g, (_, before: string, url: string) => before + base + url.slice(1))
      }
    })
  }
}
