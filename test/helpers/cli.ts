import path from 'node:path'
import { main } from '../../src/cli.ts'

export const REPO = path.resolve(import.meta.dirname, '../..')

/** Run the CLI in-process and capture what it prints. */
export async function cli(args: string[], cwd = REPO) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), cwd })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}
