import * as pagefind from 'pagefind'
import type { OutputFile } from '../types.ts'

/** Where the search index and Pagefind's scripts are published. */
export const SEARCH_FOLDER = 'pagefind/'

/**
 * A full-text search index of the post pages (Pagefind, built now, so search works from the static
 * files with no server). Only `data-pagefind-body` parts are indexed: the posts, not their navigation.
 */
export async function buildSearchIndex(pages: readonly OutputFile[], base: string): Promise<OutputFile[]> {
  const { index } = await pagefind.createIndex({ forceLanguage: undefined })
  if (!index) throw new Error('Pagefind could not start')
  try {
    for (const page of pages) {
      if (typeof page.contents !== 'string' || !page.contents.includes('data-pagefind-body')) continue
      await index.addHTMLFile({ url: base + page.path.replace(/index\.html$/, ''), content: page.contents })
    }
    const { files } = await index.getFiles()
    return files.map((file) => ({ path: SEARCH_FOLDER + file.path.replace(/\\/g, '/'), contents: new Uint8Array(file.content) })).sort((a, b) => (a.path < b.path ? -1 : 1))
  } finally {
    await index.deleteIndex()
  }
}
