import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { lookup } from 'mrmime'

/**
 * The plainest static host: files of `dir` under `base`, a folder's index.html, 404.html for the rest.
 * Independent of berth's own servers, so a crawl through it shows what any host would serve.
 */
export async function serveStatic(dir: string, base: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    let file = pathname.startsWith(base) ? path.join(dir, pathname.slice(base.length)) : undefined
    if (file && !file.startsWith(dir)) file = undefined
    if (file && existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html')
    if (!file || !existsSync(file)) {
      response.writeHead(404, { 'Content-Type': 'text/html' })
      createReadStream(path.join(dir, '404.html')).pipe(response)
      return
    }
    // Hosts send content types; module scripts (Pagefind's) do not run without one.
    response.writeHead(200, { 'Content-Type': lookup(file) ?? 'application/octet-stream' })
    createReadStream(file).pipe(response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
