import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Where the harness installs the tools it compares berth with: never a dependency of berth. */
export const TOOLS_DIR = path.join(import.meta.dirname, '.tools')

/** Eleventy 3 with a table-of-contents plugin, installed on first use into bench/.tools/eleventy. */
export function ensureEleventy(): string {
  const dir = path.join(TOOLS_DIR, 'eleventy')
  const bin = path.join(dir, 'node_modules/@11ty/eleventy/cmd.cjs')
  if (existsSync(bin)) return bin
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'package.json'), '{"private": true, "type": "module"}\n')
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '@11ty/eleventy@3', 'markdown-it-anchor@9', 'markdown-it-table-of-contents@0.9'], { cwd: dir, stdio: 'ignore' })
  return bin
}

/** An Eleventy config that treats the corpus like berth does: `<toc>` becomes a table of contents. */
export function writeEleventyConfig(siteDir: string): string {
  const file = path.join(siteDir, 'eleventy.config.mjs')
  const modules = path.join(TOOLS_DIR, 'eleventy/node_modules')
  writeFileSync(
    file,
    `import anchor from '${modules}/markdown-it-anchor/dist/markdownItAnchor.mjs'
import toc from '${modules}/markdown-it-table-of-contents/index.js'
export default function (config) {
  config.amendLibrary('md', (md) => md.use(anchor).use(toc, { includeLevel: [2, 3], markerPattern: /^\\[\\[toc\\]\\]/im }))
  config.addPreprocessor('toc', 'md', (data, content) => content.replace(/^<toc>$/m, '[[toc]]'))
  config.addPassthroughCopy('assets')
  return { dir: { input: 'content', includes: '../_eleventy_layouts', output: '_eleventy' } }
}
`,
  )
  mkdirSync(path.join(siteDir, '_eleventy_layouts'), { recursive: true })
  writeFileSync(path.join(siteDir, '_eleventy_layouts/post.njk'), '<!DOCTYPE html><html lang="en"><head><title>{{ title }}</title></head><body><main>{{ content | safe }}</main></body></html>\n')
  return file
}

/** Debian's hugo, if it is installed. */
export function findHugo(): string | undefined {
  const found = spawnSync('hugo', ['version'], { encoding: 'utf8' })
  return found.status === 0 ? 'hugo' : undefined
}
