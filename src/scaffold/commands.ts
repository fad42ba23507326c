import path from 'node:path'
import { stringify } from 'yaml'
import type { Io } from '../cli.ts'
import { loadConfig } from '../config.ts'
import { formatDiagnostic, hasErrors } from '../diagnostics.ts'
import { initSite, type PackageJsonOutcome } from './init-site.ts'
import { newPost } from './new-post.ts'

type Values = Record<string, string | boolean | undefined>

/** `berth init [DIR]`: what was written and the next three commands, or what is in the way. */
export async function runInit(dir: string, values: Values, io: Io): Promise<number> {
  const outcome = await initSite({
    dir,
    ...(typeof values.title === 'string' ? { title: values.title } : {}),
    ...(typeof values.berth === 'string' ? { berth: values.berth } : {}),
  })
  const shown = path.relative(io.cwd, dir) || '.'
  if ('refused' in outcome) {
    io.err(`berth init: ${shown} has a site's files already, so nothing was written: ${outcome.refused.join(', ')}`)
    io.err('  hint: run berth init in an empty folder, or move those files away first')
    return 1
  }
  const packageNote = describePackageJson(outcome.packageJson)
  io.out(`berth init: started a site in ${shown}/: ${[...outcome.written, packageNote].filter(Boolean).join(', ')}`)
  io.out('Next:')
  if (shown !== '.') io.out(`  cd ${shown}`)
  io.out('  npm install        # berth and the lock file the deploy workflow installs from')
  io.out('  npm run dev        # preview with live reload while you write')
  io.out('  npx berth new post getting-started/your-image')
  return 0
}

function describePackageJson(outcome: PackageJsonOutcome): string {
  if (outcome === 'written') return 'package.json'
  if (outcome === 'unchanged') return ''
  const added = [outcome.scripts.length > 0 ? `the scripts ${outcome.scripts.join(', ')}` : '', outcome.dependency ? 'the berth dependency' : ''].filter(Boolean)
  return `package.json (added ${added.join(' and ')})`
}

/** `berth new post SERIES/NAME`: the file written and where the site map lists it. */
export async function runNewPost(root: string, url: string, values: Values, io: Io): Promise<number> {
  const config = await loadConfig(root)
  if (!config.value || hasErrors(config.diagnostics)) {
    for (const d of config.diagnostics) io.err(formatDiagnostic(d))
    return 1
  }
  const outcome = await newPost({ config: config.value, url, ...(typeof values.title === 'string' ? { title: values.title } : {}) })
  if ('problem' in outcome) {
    io.err(`berth new: ${outcome.problem}; nothing was written\n  hint: ${outcome.hint}`)
    return 1
  }
  const { siteMap } = outcome
  if ('entry' in siteMap) {
    io.out(`berth new: wrote ${outcome.file}; add it to ${siteMap.file} under its series:`)
    io.out(stringify([siteMap.entry]).trimEnd())
  } else {
    io.out(`berth new: wrote ${outcome.file} and listed it in ${siteMap.file}${siteMap.created ? ' (new)' : ''}`)
  }
  return 0
}
