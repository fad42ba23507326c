import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Tests that start berth's command line run the compiled lib/: compile the sources under test first.
    globalSetup: ['test/compile-berth.ts'],
  },
})
