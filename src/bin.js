#!/usr/bin/env node
// berth is written in TypeScript; tsx compiles it on the fly, so no build step sits between a change and a run.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('./cli.ts')
process.exitCode = await main(process.argv.slice(2))
