import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Builds that tests start as processes run in those processes and leave no build server behind;
    // test/build-server/ turns it on where it is under test.
    env: { BERTH_BUILD_SERVER: '0' },
  },
})
