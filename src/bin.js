#!/usr/bin/env node
// berth's command line. `build` and `check` go to the build server when one is running: that takes
// no more than finding it, so berth itself is not loaded. Everything else, and a build no server takes,
// loads berth (from the bundle of its current sources, see load-berth.js) and runs here.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildServerAddress } from './build-server/address.js'
import { runOnBuildServer } from './build-server/client.js'

const argv = process.argv.slice(2)
const address = buildServerAddress(argv, { root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..') })
const outcome = address === undefined ? undefined : await runOnBuildServer(address, argv, { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) })
if (typeof outcome === 'object') process.exitCode = outcome.exit
else {
  const { loadBerth } = await import('./load-berth.js')
  const { runCommand } = await loadBerth('cli')
  process.exitCode = await runCommand(argv, address === undefined ? undefined : { address, outcome })
}
