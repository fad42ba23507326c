/**
 * The environment the measured tools run in: this one, without NODE_EXTRA_CA_CERTS, which a machine
 * behind a proxy sets and which makes every Node process read and parse a file of certificates as it
 * starts (40 ms a start on the machine of the README's table, for berth and Eleventy alike); an
 * author's machine does not set it.
 */
const TOOLS = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'))

/** Builds that each run in a fresh process, as on CI (and Eleventy's, and the floor's). */
export const FRESH_PROCESS = { ...TOOLS, BERTH_BUILD_SERVER: '0' }
/** Builds that go through the build server, as on an author's machine. */
export const WITH_SERVER = { ...TOOLS, BERTH_BUILD_SERVER: '15', CI: '' }
