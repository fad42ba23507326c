import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ResolvedConfig } from '../config.ts'
import { SITE_MAP_NAMES } from '../load/site-map.ts'
import { titleFromUrl } from '../load/url.ts'
import { fillStarterText, STARTER_DIR, today } from './starter.ts'

export type NewPostOptions = { config: ResolvedConfig; url: string; title?: string }

/** What `berth new post` did, or the one reason it did nothing (with how to fix it). */
export type NewPostOutcome =
  | { file: string; siteMap: { file: string; created: boolean } | { file: string; entry: SiteMapEntry } }
  | { problem: string; hint: string }

type SiteMapEntry = { title: string; type: 'category' | 'topic' | 'post'; url: string; created?: string; children?: SiteMapEntry[] }

const SEGMENT = /^[a-z0-9][a-z0-9._-]*$/i
const TEMPLATE = 'new-post.md'

/**
 * `berth new post SERIES/SLUG`: the post's file from the site's `templates/new-post.md` (else berth's),
 * and its entry in the site map under its series, made with its section if the map has neither. Refuses
 * to overwrite the file or list a url twice. A YAML site map is the author's formatting, so berth prints
 * the entry to add rather than rewriting it.
 */
export async function newPost({ config, url: rawUrl, title: givenTitle }: NewPostOptions): Promise<NewPostOutcome> {
  const url = rawUrl.replace(/^\/+|\/+$|\.md$/g, '')
  const segments = url.split('/')
  if (segments.length < 2 || !segments.every((s) => SEGMENT.test(s))) {
    return { problem: `"${rawUrl}" is not a post's place in a series`, hint: 'name the series folder and the post, in letters, digits and dashes: berth new post docker-basics/volumes' }
  }
  const file = path.join(config.contentDir, `${url}.md`)
  const rel = (p: string) => path.relative(config.root, p).split(path.sep).join('/')
  if (existsSync(file)) return { problem: `${rel(file)} is there already`, hint: 'choose another name, or edit that post' }

  const siteMapFile = SITE_MAP_NAMES.map((name) => path.join(config.contentDir, name)).find((p) => existsSync(p))
  const text = siteMapFile && (await readFile(siteMapFile, 'utf8'))
  let nodes: SiteMapEntry[] = []
  if (siteMapFile?.endsWith('.json') && text !== undefined) {
    try {
      nodes = JSON.parse(text.replace(/^\uFEFF/, '')) as SiteMapEntry[]
    } catch {
      return { problem: `${rel(siteMapFile)} is not valid JSON`, hint: 'run berth check to see where, fix it, and run berth new again' }
    }
    if (!Array.isArray(nodes)) return { problem: `${rel(siteMapFile)} is not a list of entries`, hint: 'run berth check to see what is wrong with it' }
  }
  if (findNode(nodes, url)) return { problem: `the site map lists ${url} already`, hint: 'choose another name, or add the missing file by hand' }

  const title = givenTitle ?? titleFromUrl(url)
  const date = today()
  const own = path.join(config.templatesDir, TEMPLATE)
  const template = await readFile(existsSync(own) ? own : path.join(STARTER_DIR, 'templates', TEMPLATE), 'utf8')
  const entry: SiteMapEntry = { title, type: 'post', url, created: date }

  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, await fillStarterText(template, { url, title, date }), { flag: 'wx' })
  if (siteMapFile && !siteMapFile.endsWith('.json')) return { file: rel(file), siteMap: { file: rel(siteMapFile), entry } }

  placeEntry(nodes, segments, entry)
  const newline = text?.includes('\r\n') ? '\r\n' : '\n'
  const target = siteMapFile ?? path.join(config.contentDir, SITE_MAP_NAMES[0])
  await writeFile(target, `${JSON.stringify(nodes, null, 2)}\n`.replace(/\n/g, newline))
  return { file: rel(file), siteMap: { file: rel(target), created: siteMapFile === undefined } }
}

/** Put `entry` under its series, making the series (and the sections above it) when the map lacks them. */
function placeEntry(nodes: SiteMapEntry[], segments: readonly string[], entry: SiteMapEntry): void {
  let level = nodes
  for (let depth = 1; depth < segments.length; depth++) {
    const url = segments.slice(0, depth).join('/')
    let node = level.find((n) => trim(n.url) === url)
    if (!node) {
      node = { title: titleFromUrl(url), type: depth === segments.length - 1 ? 'topic' : 'category', url, children: [] }
      level.push(node)
    }
    level = node.children ??= []
  }
  level.push(entry)
}

function findNode(nodes: readonly SiteMapEntry[], url: string): SiteMapEntry | undefined {
  for (const node of nodes) {
    if (trim(node.url) === url) return node
    const found = node.children && findNode(node.children, url)
    if (found) return found
  }
  return undefined
}

function trim(url: string): string {
  return String(url).replace(/^\/+|\/+$/g, '')
}
