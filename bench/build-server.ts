import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** The process ids of the build servers running for this berth. */
export function buildServers(script: string): number[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')
  return lines.filter((line) => line.includes(script)).map((line) => Number(line.trim().split(/\s+/)[0]))
}

/** A process's peak resident memory so far, in MB (Linux's /proc), or 0 where that cannot be read. */
export function peakMemoryMb(pid: number): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : 0
  } catch {
    return 0
  }
}

export function stopBuildServers(script: string): void {
  for (const pid of buildServers(script)) {
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // Gone already.
    }
  }
}
