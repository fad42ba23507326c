import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { dev } from './src/dev/dev.ts'
const root = process.argv[2]!
const server = await dev({ root, port: 0, out: () => undefined, err: () => undefined })
if ('failed' in server) throw new Error('x')
const orig = server.build.rebuild
server.build.rebuild = async (changes) => {
  const a = process.hrtime.bigint() / 1000n
  const r = await orig(changes)
  const b = process.hrtime.bigint() / 1000n
  console.log(`WINDOW ${a} ${b}`)
  return r
}
const postFile = path.join(root, 'content', (await readdir(path.join(root, 'content'))).filter((n) => n.endsWith('.md')).sort()[0]!)
const original = await readFile(postFile, 'utf8')
for (let i = 0; i < 25; i++) {
  console.log(`SAVE ${process.hrtime.bigint() / 1000n}`)
  await writeFile(postFile, original.replace(/\n\n<toc>\n/, `\n\nedit-${i}\n\n<toc>\n`))
  await new Promise((r) => setTimeout(r, 500))
}
await writeFile(postFile, original)
await server.close()
