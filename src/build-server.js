// berth's build server, started in the background by a build (see build-server/server.ts): keeps berth
// warm for the next `berth build` or `berth check` from the same machine and user.
import { loadBerth } from './load-berth.js'

const { serveBuilds } = await loadBerth('build-server')
await serveBuilds(process.argv[2])
