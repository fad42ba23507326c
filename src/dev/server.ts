import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { lookup as lookupMime } from 'mrmime'
import type { DevEvent, EventHub } from './events.ts'
import { allowedHostnames, isAllowedHost, isAllowedOrigin } from './host-guard.ts'
import { EVENTS_PATH, injectReloadClient } from './reload-client.ts'
import { resolveRequestPath } from './request-path.ts'
import { contentsOf } from '../output-contents.ts'
import type { OutputFile } from '../types.ts'

/** A file the server can send: text or bytes in memory, or a file on disk. */
export type ServedFile = Pick<OutputFile, 'contents' | 'load' | 'from'>

export type ServerOptions = {
  host: string
  port: number
  /** The site's base path, `/` or `/docs/`. */
  base: string
  /** The file at an output path (`a/b/index.html`), if the site has one. */
  lookup: (outputPath: string) => ServedFile | undefined
  /** Present for `berth dev`: live reload, error overlay and no caching. */
  live?: { hub: EventHub; state: () => DevEvent }
  /** How many ports above `port` to try when it is taken. */
  portAttempts?: number
}

export type RunningServer = { server: Server; port: number; url: string; close: () => Promise<void> }

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' }

/** Serve a built site from a lookup function: pretty urls, folder redirects, 404.html, and nothing outside the site. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  let port = options.port
  const hosts = () => allowedHostnames(options.host)
  let allowed = hosts()
  const server = createServer((request, response) => {
    try {
      handle(request, response)
    } catch {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error\n')
      else response.destroy()
    }
  })
  // Requests Node cannot even parse get a plain 400; the process carries on.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    else socket.destroy()
  })

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' })
    }
    if (!isAllowedHost(request.headers.host, allowed, port)) return send(response, 403, 'text/plain; charset=utf-8', 'unknown host\n')
    const pathname = (request.url ?? '/').split(/[?#]/, 1)[0]
    if (options.base !== '/' && `${pathname}/` === options.base) return redirect(response, options.base)
    const target = resolveRequestPath(request.url ?? '/', options.base)
    if (target.kind === 'refused') {
      if (target.status === 404 && request.url === '/' && options.base !== '/') return redirect(response, options.base)
      return notFoundOr(response, request, target.status)
    }
    if (options.live && target.key === EVENTS_PATH) {
      if (!isAllowedOrigin(request.headers.origin, allowed, port)) return send(response, 403, 'text/plain; charset=utf-8', 'foreign origin\n')
      return options.live.hub.connect(response, options.live.state())
    }
    const key = target.directory ? (target.key ? `${target.key}/index.html` : 'index.html') : target.key
    const file = options.lookup(key)
    if (file) return serveFile(request, response, key, file, 200)
    if (!target.directory && options.lookup(`${target.key}/index.html`)) {
      const query = (request.url ?? '').slice(target.urlPath.length)
      return redirect(response, `${target.urlPath}/${query}`)
    }
    return notFoundOr(response, request, 404)
  }

  const notFoundOr = (response: ServerResponse, request: IncomingMessage, status: 400 | 404) => {
    const page = status === 404 ? options.lookup('404.html') : undefined
    if (page) return serveFile(request, response, '404.html', page, 404)
    send(response, status, 'text/plain; charset=utf-8', status === 404 ? 'not found\n' : 'bad request\n')
  }

  const serveFile = (request: IncomingMessage, response: ServerResponse, key: string, file: ServedFile, status: number) => {
    const type = contentType(key)
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': options.live ? 'no-store' : 'no-cache', ...SECURITY_HEADERS }
    if (file.from !== undefined) {
      const from = file.from
      stat(from).then(
        (info) => {
          response.writeHead(status, { ...headers, 'Content-Length': String(info.size) })
          if (request.method === 'HEAD') return response.end()
          createReadStream(from)
            .on('error', () => response.destroy())
            .pipe(response)
        },
        () => notFoundOr(response, request, 404),
      )
      return
    }
    let body = contentsOf(file)
    if (options.live && type.startsWith('text/html')) body = injectReloadClient(String(body), `${options.base}${EVENTS_PATH}`)
    const bytes = typeof body === 'string' ? Buffer.from(body) : body
    response.writeHead(status, { ...headers, 'Content-Length': String(bytes.byteLength) })
    response.end(request.method === 'HEAD' ? undefined : bytes)
  }

  port = await listen(server, options.host, options.port, options.portAttempts ?? 20)
  allowed = hosts()
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    server,
    port,
    url: `http://${shownHost}:${port}${options.base}`,
    close: () =>
      new Promise((resolve) => {
        options.live?.hub.close()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function send(response: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store', ...SECURITY_HEADERS, ...extra })
  response.end(body)
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(301, { Location: location, 'Content-Length': '0', 'Cache-Control': 'no-store', ...SECURITY_HEADERS })
  response.end()
}

function contentType(file: string): string {
  const type = lookupMime(file) ?? 'application/octet-stream'
  return type.startsWith('text/') || type === 'application/javascript' || type === 'application/json' || type.endsWith('+xml') ? `${type}; charset=utf-8` : type
}

/** Listen on `port`, or the next free one when it is taken. */
async function listen(server: Server, host: string, port: number, attempts: number): Promise<number> {
  for (let candidate = port; ; candidate++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(candidate, host, () => {
          server.off('error', reject)
          resolve()
        })
      })
      return (server.address() as AddressInfo).port
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || candidate - port + 1 >= attempts || port === 0) throw error
    }
  }
}
