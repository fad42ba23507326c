import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'
import { build, type BuildOptions } from '../../src/build.ts'
import { createMemoryWriter } from '../../src/write/writer.ts'

const made: string[] = []

afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

/** A fresh folder under the system temp dir, removed when the test file is done. */
export async function makeTempDir(prefix = 'berth-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** Write a site from a map of relative paths to contents into a temp folder; returns its root. */
export async function makeSite(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await makeTempDir('berth-site-')
  for (const [rel, contents] of Object.entries(files)) {
    const file = path.join(root, rel)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, contents)
  }
  return root
}

/** The site url test builds use unless a test sets its own: without one, every build warns. */
export const TEST_SITE_URL = 'https://docs.example.com'

/** Build a site into memory; returns the result and the written files as text. */
export async function buildInMemory(root: string, options: Partial<BuildOptions> = {}) {
  const writer = createMemoryWriter()
  const result = await build({ root, writer, siteUrl: TEST_SITE_URL, ...options })
  const text = (file: string) => {
    const value = writer.files.get(file)
    if (value === undefined) throw new Error(`no output file ${file}; have: ${[...writer.files.keys()].join(', ')}`)
    return typeof value === 'string' ? value : Buffer.from(value).toString('utf8')
  }
  return { result, files: writer.files, text }
}

/** The smallest valid PNG header image-size can read, with the given dimensions. */
export function pngOfSize(width: number, height: number): Uint8Array {
  const bytes = Buffer.alloc(33)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0)
  bytes.writeUInt32BE(13, 8)
  bytes.write('IHDR', 12, 'ascii')
  bytes.writeUInt32BE(width, 16)
  bytes.writeUInt32BE(height, 20)
  bytes.writeUInt8(8, 24)
  bytes.writeUInt8(6, 25)
  return new Uint8Array(bytes)
}

/** A post with the author's usual front matter. */
export function post(url: string, body: string, extra = ''): string {
  return `---\nurl: ${url}\nlayout: post\n${extra}---\n\n${body}\n`
}
