import { defineConfig } from "vitest/config";

// Tuned for the machines CI runs on: 2 shared cores, often loaded. Forks isolate the tests
// that change the working directory; one worker per spare core keeps the CLI processes the
// tests spawn from starving each other; timeouts leave room for a machine several times
// slower than a developer's. Snapshots are never written by `npm test` (it sets CI, so a
// missing snapshot fails); `npm run test:update` writes them on purpose.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
});
