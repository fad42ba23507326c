import { execFileSync } from 'node:child_process'
import path from 'node:path'

/** vitest's global setup: compile berth into lib/ once per run, so the command line runs the code under test. */
export default function compileBerth(): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/compile.ts'], { cwd: path.resolve(import.meta.dirname, '..'), stdio: 'inherit' })
}
