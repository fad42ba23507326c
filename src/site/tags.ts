import { slug } from 'github-slugger'
import { newestFirst } from '../load/dates.ts'
import type { RenderedPage } from '../types.ts'

/** A tag with its page's url and its posts, newest first. */
export type Tag = { name: string; url: string; posts: RenderedPage[] }

/** The url of a tag's page: `tags/docker-compose/`. */
export function tagUrl(name: string): string {
  return `tags/${slug(name) || 'tag'}/`
}

// One collator for every comparison: `localeCompare(other, 'en')` makes a new one each time.
const compareEnglish = new Intl.Collator('en').compare

/** Every tag on a public page, sorted by name, with its posts newest first. */
export function collectTags(pages: readonly RenderedPage[]): Tag[] {
  const byName = new Map<string, RenderedPage[]>()
  for (const page of pages) for (const name of new Set(page.tags)) (byName.get(name) ?? byName.set(name, []).get(name)!).push(page)
  return [...byName]
    .sort(([a], [b]) => compareEnglish(a, b))
    .map(([name, posts]) => ({ name, url: tagUrl(name), posts: posts.sort((a, b) => newestFirst(a.date, b.date) || compareEnglish(a.title, b.title)) }))
}
