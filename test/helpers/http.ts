import { connect } from 'node:net'

export type RawResponse = { status: number; headers: Record<string, string>; body: string }

/**
 * Send one request over a raw socket, exactly as written: fetch and http.request would normalise
 * the paths and headers that these tests need to send unchanged.
 */
export function rawRequest(port: number, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const lines = [`${method} ${target} HTTP/1.1`, ...Object.entries({ Host: `127.0.0.1:${port}`, Connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`), '', '']
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(lines.join('\r\n')))
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('end', () => resolve(parseResponse(Buffer.concat(chunks).toString('utf8'))))
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer to ${method} ${target}`)))
  })
}

function parseResponse(text: string): RawResponse {
  const split = text.indexOf('\r\n\r\n')
  const [statusLine, ...headerLines] = text.slice(0, split).split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of headerLines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body: text.slice(split + 4) }
}

export type EventReader = { next(type: string, timeoutMs?: number): Promise<Record<string, unknown>>; close(): void }

/** Read a Server-Sent Events stream; `next` waits for the next event of a type. */
export async function openEventStream(url: string): Promise<EventReader> {
  const controller = new AbortController()
  const response = await fetch(url, { signal: controller.signal })
  if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`)
  const queue: { type: string; data: Record<string, unknown> }[] = []
  const waiters: (() => void)[] = []
  void (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const type = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (type && data) queue.push({ type, data: JSON.parse(data) as Record<string, unknown> })
          waiters.splice(0).forEach((wake) => wake())
        }
      }
    } catch {
      // aborted by close()
    }
  })()
  return {
    async next(type, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const index = queue.findIndex((e) => e.type === type)
        if (index !== -1) return queue.splice(0, index + 1).at(-1)!.data
        if (Date.now() > deadline) throw new Error(`no "${type}" event within ${timeoutMs} ms; saw ${JSON.stringify(queue)}`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 100)
        })
      }
    },
    close: () => controller.abort(),
  }
}
