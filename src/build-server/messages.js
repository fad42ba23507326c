// Plain JavaScript: berth's command line (bin.js) talks to a build server before it loads the rest of
// berth, which would cost more than a build on a warm server takes.

/** Send one message: a line of JSON (no message holds a raw newline, JSON escapes them). */
export function send(socket, message) {
  socket.write(`${JSON.stringify(message)}\n`)
}

/** Call `receive` with each message that arrives on the socket, in order; a line that is not JSON ends the connection. */
export function onMessages(socket, receive) {
  let pending = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk) => {
    pending += chunk
    let end
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end)
      pending = pending.slice(end + 1)
      let message
      try {
        message = JSON.parse(line)
      } catch {
        socket.destroy()
        return
      }
      receive(message)
    }
  })
}
