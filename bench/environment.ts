/**
 * The environment the measured tools run in: this one, without NODE_EXTRA_CA_CERTS, which a machine
 * behind a proxy sets and which makes every Node process read and parse a file of certificates as it
 * starts (40 ms a start on the machine of the README's table, for berth and Eleventy alike); an
 * author's machine does not set it.
 */
const TOOLS = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'))

/** Every build runs in a fresh process, berth's as Eleventy's and the floor's. */
export const FRESH_PROCESS = TOOLS
