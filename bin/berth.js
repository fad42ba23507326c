#!/usr/bin/env node
// berth's command line: the compiled code in lib/ (made by `npm install`, or `npm run compile`).
let cli
try {
  cli = await import('../lib/cli.js')
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('lib/cli.js')) throw error
  process.stderr.write('berth: berth is not compiled (lib/cli.js is missing)\n  hint: run `npm install` in berth\'s folder, or `npm run compile`\n')
  process.exit(1)
}
process.exitCode = await cli.main(process.argv.slice(2))
