// Types for client.js, which is plain JavaScript because bin.js runs a build on a build server before it loads berth.

/**
 * How a command went on a build server: its exit code; `none` when no server answered (or one running
 * older code), `busy` when it was building for someone else (either way, build in this process);
 * `lost` when the server stopped in the middle of the build, which is then not finished.
 */
export type ServerOutcome = { exit: number } | 'none' | 'busy' | 'lost'

export type Output = { out: (text: string) => void; err: (text: string) => void }

export function runOnBuildServer(address: string, argv: readonly string[], output: Output): Promise<ServerOutcome>
export function startBuildServer(address: string, root: string): Promise<void>
