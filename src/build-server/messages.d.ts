// Types for messages.js, which is plain JavaScript because bin.js talks to a build server before it loads berth.
import type { Socket } from 'node:net'

/** What a command line asks of a build server: the command, and where, under what environment and with what file mode mask it runs. */
export type BuildRequest = { argv: string[]; cwd: string; env: Record<string, string>; umask: number }

/**
 * What a server answers: `busy` (building for someone else: build in your own process) or `stale`
 * (it runs older code than the command line's: it is going away), else `started` with its process
 * id, the command's output line by line, and its exit code.
 */
export type ServerMessage = { busy: true } | { stale: true } | { started: number } | { out: string } | { err: string } | { exit: number }

export function send(socket: Socket, message: BuildRequest | ServerMessage): void
export function onMessages<T>(socket: Socket, receive: (message: T) => void): void
