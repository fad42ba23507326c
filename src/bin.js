#!/usr/bin/env node
// berth's command line: load berth (from the bundle of its current sources, see load-berth.js) and run it.
import { loadBerth } from './load-berth.js'

const { runCommand } = await loadBerth('cli')
process.exitCode = await runCommand(process.argv.slice(2))
