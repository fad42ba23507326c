import path from 'node:path'

/** What each file system error means to someone running berth, and what to do about it. */
const SYSTEM_ERRORS: Record<string, { reason: string; hint: string }> = {
  EACCES: { reason: 'permission denied', hint: "check the folder's permissions, or choose another output folder with --out" },
  EPERM: { reason: 'operation not permitted', hint: "check the folder's permissions, or choose another output folder with --out" },
  EROFS: { reason: 'the file system is read-only', hint: 'choose an output folder on a writable disk with --out' },
  ENOSPC: { reason: 'the disk is full', hint: 'free some space and build again' },
  ENOTDIR: { reason: 'part of the path is a file, not a folder', hint: 'choose an output folder whose parents are folders with --out' },
  EISDIR: { reason: 'a folder is where a file should be', hint: 'remove or rename the folder' },
  EMFILE: { reason: 'too many files are open', hint: 'raise the open-file limit (ulimit -n) and build again' },
  EBUSY: { reason: 'the file is in use', hint: 'close the program holding it and build again' },
}

/** The system call that failed, as an action. */
const ACTIONS: Record<string, string> = {
  mkdir: 'create the folder',
  open: 'open',
  read: 'read',
  write: 'write',
  rename: 'move',
  scandir: 'list',
  unlink: 'remove',
  rmdir: 'remove',
  copyfile: 'copy',
  link: 'link',
  stat: 'look at',
  lstat: 'look at',
}

type SystemError = Error & { code: string; syscall?: string; path?: string }

/**
 * The lines berth prints for a failure that is not a problem in the site's files: a file system error
 * names the path, what went wrong and what to do, with no stack trace; anything else is a bug in berth,
 * whose stack is shown only with BERTH_DEBUG=1.
 */
export function describeFailure(error: unknown, cwd: string, debug = false): string[] {
  if (isSystemError(error)) {
    const known = SYSTEM_ERRORS[error.code]
    const where = error.path ? ` ${path.relative(cwd, error.path) || '.'}` : ''
    const action = error.syscall ? `could not ${ACTIONS[error.syscall] ?? error.syscall}${where}` : `failed${where}`
    return [`berth: ${action}: ${known?.reason ?? error.message} (${error.code})`, `  hint: ${known?.hint ?? 'check the path and build again'}`]
  }
  const message = error instanceof Error ? error.message : String(error)
  const stack = debug && error instanceof Error && error.stack ? [error.stack] : []
  return [`berth: internal error: ${message}`, '  hint: this is a bug in berth; run again with BERTH_DEBUG=1 for the stack trace and report it', ...stack]
}

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as Partial<SystemError>).code === 'string' && /^E[A-Z]+$/.test((error as SystemError).code)
}
