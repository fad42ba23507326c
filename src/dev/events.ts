import type { ServerResponse } from 'node:http'

/** A message to open pages: never page HTML, file contents or stack traces. */
export type DevEvent =
  | { type: 'reload'; paths: string[] }
  | { type: 'css'; paths: string[] }
  | { type: 'errors'; errors: OverlayError[] }
  | { type: 'ok' }

/** One error as the dev overlay shows it; all of it text, never markup. */
export type OverlayError = { heading: string; frame?: string; hint?: string }

/** The browsers listening on the event stream (Server-Sent Events). */
export type EventHub = {
  /** Take a new event-stream response; `first` is sent to it at once (the current error state). */
  connect(response: ServerResponse, first: DevEvent): void
  send(event: DevEvent): void
  close(): void
  size(): number
}

export function createEventHub(): EventHub {
  const clients = new Set<ServerResponse>()
  const write = (response: ServerResponse, event: DevEvent) => response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
  return {
    connect(response, first) {
      response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' })
      response.write('retry: 500\n\n')
      write(response, first)
      clients.add(response)
      response.on('close', () => clients.delete(response))
    },
    send(event) {
      for (const client of clients) write(client, event)
    },
    close() {
      for (const client of clients) client.end()
      clients.clear()
    },
    size: () => clients.size,
  }
}
