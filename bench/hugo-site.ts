import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** A Hugo site over the same posts: its content is the corpus, its one layout prints the toc and the body. */
export function writeHugoSite(root: string): string {
  const site = path.join(root, '_hugo-site')
  if (existsSync(path.join(site, 'hugo.toml'))) return site
  mkdirSync(path.join(site, 'layouts/_default'), { recursive: true })
  writeFileSync(
    path.join(site, 'hugo.toml'),
    `baseURL = "https://bench.example/"\ncontentDir = "${path.join(root, 'content')}"\nstaticDir = "${path.join(root, 'assets')}"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[markup.goldmark.renderer]\nunsafe = true\n[markup.tableOfContents]\nstartLevel = 2\nendLevel = 3\n`,
  )
  writeFileSync(path.join(site, 'layouts/_default/single.html'), '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><nav>{{ .TableOfContents }}</nav>{{ .Content }}</body></html>\n')
  writeFileSync(path.join(site, 'layouts/_default/list.html'), '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n')
  return site
}
