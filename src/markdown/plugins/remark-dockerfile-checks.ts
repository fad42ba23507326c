import type { Code, Root } from 'mdast'
import type { VFile } from 'vfile'
import { validate, ValidationCode } from 'dockerfile-utils'
import { parseCodeMeta } from '../code-meta.ts'
import { pointInCode } from '../code-position.ts'
import { reportWarning } from '../report.ts'
import { visit } from '../visit-tree.ts'

const LANGUAGES = new Set(['dockerfile', 'containerfile', 'docker'])
const FILE_NAME = /(^|\/)(Dockerfile|Containerfile)(\.[\w.-]+)?$|\.(dockerfile|containerfile)$/i

/** How to fix what the Docker language server's validator finds most often in tutorials. */
const HINTS: Partial<Record<ValidationCode, string>> = {
  [ValidationCode.NO_SOURCE_IMAGE]: 'start the Dockerfile with FROM image:tag, or mark the block as part of one: ```dockerfile fragment',
  [ValidationCode.UNKNOWN_INSTRUCTION]: 'use a Dockerfile instruction (FROM, RUN, COPY, ADD, WORKDIR, ENV, ARG, EXPOSE, CMD, ENTRYPOINT, …), or mark the block as another language',
  [ValidationCode.DEPRECATED_MAINTAINER]: 'write LABEL org.opencontainers.image.authors="name@example.com" instead',
  [ValidationCode.UNKNOWN_COPY_FLAG]: 'COPY takes --from, --chown, --chmod, --link, --parents and --exclude',
  [ValidationCode.UNKNOWN_ADD_FLAG]: 'ADD takes --chown, --chmod, --link, --keep-git-dir, --checksum and --exclude',
  [ValidationCode.UNKNOWN_FROM_FLAG]: 'FROM takes --platform',
  [ValidationCode.WORKDIR_IS_NOT_ABSOLUTE]: 'write the path from the root, e.g. WORKDIR /app',
  [ValidationCode.INVALID_PROTO]: 'write the port as 80, 80/tcp or 53/udp',
  [ValidationCode.INVALID_PORT]: 'write a port number from 0 to 65535',
  [ValidationCode.DUPLICATE_BUILD_STAGE_NAME]: 'give each stage its own name after AS',
  [ValidationCode.JSON_IN_SINGLE_QUOTES]: 'the exec form is JSON: write ["npm", "start"] with double quotes',
  [ValidationCode.EMPTY_CONTINUATION_LINE]: 'remove the empty line after the \\, or end the instruction before it',
}
const DEFAULT_HINT = 'see the Dockerfile reference (docs.docker.com/reference/dockerfile), or mark a deliberate mistake as ```dockerfile fragment'

/**
 * Readers copy a tutorial's Dockerfiles as they are, so each `dockerfile` fence (or fence titled
 * `Dockerfile`) is checked with dockerfile-utils, the validator of Docker's language server: every
 * finding is a warning at its line and column in the post, under `dockerfile/<what>`. A block marked
 * `fragment` (a few lines of a larger file, or a mistake shown on purpose) is not checked.
 */
export default function remarkDockerfileChecks() {
  return (tree: Root, file: VFile) => {
    let lines: string[] | undefined
    visit(tree, 'code', (code: Code) => {
      const meta = parseCodeMeta(code.meta)
      const named = meta.title !== undefined && FILE_NAME.test(meta.title)
      if (meta.fragment || !(named || LANGUAGES.has(code.lang?.toLowerCase() ?? ''))) return
      const findings = validate(code.value)
      if (findings.length === 0) return
      // Most posts' Dockerfiles are clean: the post is split into lines once, and only for one that is not.
      const fileLines = (lines ??= String(file.value).split(/\r?\n/))
      for (const finding of findings) {
        const { start, end } = finding.range
        const from = pointInCode(fileLines, code, start.line, start.character)
        const to = pointInCode(fileLines, code, end.line, end.character)
        const known = typeof finding.code === 'number' ? (finding.code as ValidationCode) : undefined
        const rule = known === undefined ? 'problem' : ValidationCode[known]!.toLowerCase().replace(/_/g, '-')
        const hint = (known !== undefined ? HINTS[known] : undefined) ?? DEFAULT_HINT
        reportWarning(file, from && to ? { position: { start: from, end: to } } : code, `dockerfile/${rule}`, `Dockerfile: ${(typeof finding.message === 'string' ? finding.message : finding.message.value).replace(/\.$/, '')}`, hint)
      }
    })
  }
}
