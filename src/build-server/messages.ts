import type { Socket } from 'node:net'

/** What a command line asks of a build server: the command, and where, under what environment and with what file mode mask it runs. */
export type BuildRequest = { argv: string[]; cwd: string; env: Record<string, string>; umask: number }

/**
 * What a server answers: `busy` (building for someone else: build in your own process), then
 * `started` with its process id, the command's output line by line, and its exit code.
 */
export type ServerMessage = { busy: true } | { started: number } | { out: string } | { err: string } | { exit: number }

/** Send one message: a line of JSON (no message holds a raw newline, JSON escapes them). */
export function send(socket: Socket, message: BuildRequest | ServerMessage): void {
  socket.write(`${JSON.stringify(message)}\n`)
}

/** Call `receive` with each message that arrives on the socket, in order; a line that is not JSON ends the connection. */
export function onMessages<T>(socket: Socket, receive: (message: T) => void): void {
  let pending = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => {
    pending += chunk
    let end: number
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end)
      pending = pending.slice(end + 1)
      let message: T
      try {
        message = JSON.parse(line) as T
      } catch {
        socket.destroy()
        return
      }
      receive(message)
    }
  })
}
