import { networkInterfaces } from 'node:os'

/** Host names a local dev server answers to; anything else may be a DNS-rebinding attack. */
export function allowedHostnames(bindHost: string): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1'])
  if (bindHost === '0.0.0.0' || bindHost === '::') {
    // Bound to every interface on purpose: the machine's own addresses are its names too.
    for (const list of Object.values(networkInterfaces())) for (const entry of list ?? []) names.add(entry.address.toLowerCase())
  } else {
    names.add(bindHost.toLowerCase().replace(/^\[|\]$/g, ''))
  }
  return names
}

/** Whether a `Host` header names this server: an allowed name and, when given, its port. */
export function isAllowedHost(hostHeader: string | undefined, allowed: ReadonlySet<string>, port: number): boolean {
  if (!hostHeader) return false
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim().toLowerCase())
  if (!match) return false
  const name = match[1]!.replace(/^\[|\]$/g, '')
  return allowed.has(name) && (match[2] === undefined || Number(match[2]) === port)
}

/** A missing `Origin` (same-origin GET) is fine; a present one must be this server. */
export function isAllowedOrigin(origin: string | undefined, allowed: ReadonlySet<string>, port: number): boolean {
  if (origin === undefined) return true
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  return url.protocol === 'http:' && isAllowedHost(url.host, allowed, port)
}
