import path from 'node:path'
import type { VFile } from 'vfile'
import type { ImageProbe } from './probe-image.ts'
import { reportError, type Located } from './report.ts'
import type { ImageDirs } from './resolve-image.ts'

/** Report why an image file cannot be used, at the image, naming the file as the site sees it. */
export function reportProbeProblem(file: VFile, node: Located, url: string, target: string, dirs: ImageDirs, probe: Extract<ImageProbe, { problem: string }>): void {
  const shown = displayPath(target, dirs)
  if (probe.problem === 'missing') {
    reportError(file, node, 'image/missing', `image "${url}" not found: looked for ${shown}`, 'check the file name, or add the image under assets/')
  } else if (probe.problem === 'outside-site') {
    reportError(file, node, 'image/outside-site', `image "${url}" is a link to a file outside the site`, 'copy the image into assets/ instead of linking to it')
  } else {
    reportError(file, node, 'image/unreadable', `image "${url}" cannot be used: ${probe.detail ?? 'unreadable'} (${shown})`, 'export the image again as PNG, JPEG, WebP or SVG')
  }
}

/** Show paths relative to the site (`assets/images/x.png`), never the machine's absolute paths. */
function displayPath(file: string, dirs: ImageDirs): string {
  const root = path.dirname(dirs.assetsDir)
  return path.relative(root, file).split(path.sep).join('/')
}
