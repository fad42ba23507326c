import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'

/**
 * GitHub's sanitizing rules (no scripts, event handlers, `javascript:` urls, iframes, SVG), plus what
 * berth's own markup needs: the `<nav class="toc">`, lazy images, and heading ids left as they are so
 * the table of contents and `#anchors` keep working. `name` is still prefixed, against DOM clobbering.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobber: ['name'],
  tagNames: [...(defaultSchema.tagNames ?? []), 'nav'],
  attributes: {
    ...defaultSchema.attributes,
    nav: [['className', 'toc'], 'ariaLabel'],
    img: [...(defaultSchema.attributes?.img ?? []), 'loading', 'decoding'],
  },
}
