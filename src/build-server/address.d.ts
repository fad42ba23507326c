// Types for address.js, which is plain JavaScript because bin.js finds a build server before it loads berth.

/** What the address depends on besides the command: berth's folder; tests set the rest, the command line takes the defaults. */
export type AddressOptions = { root: string; env?: NodeJS.ProcessEnv; tmp?: string; execArgv?: readonly string[] }

export const SERVER_FLAGS: string[]
export function buildServerAddress(argv: readonly string[], options: AddressOptions): string | undefined
export function idleMinutes(env: NodeJS.ProcessEnv): number
