/** The port `berth dev` tries first. */
export const DEFAULT_DEV_PORT = 4000

/** The port `berth preview` tries first (apart from dev's, so both can run). */
export const DEFAULT_PREVIEW_PORT = 4173
