// End-to-end journeys against the release build in dist/, in Debian's Chromium.
import { defineConfig } from '@playwright/test';

// E2E_PORT lets two checkouts run their journeys side by side.
const PORT = Number(process.env.E2E_PORT || 4173);
export const ROOT = `http://127.0.0.1:${PORT}`;
// The repository root served as a site, so dist/ sits under a sub-path.
export const SUBPATH = `http://127.0.0.1:${PORT + 1}/dist/`;
// The team's sync server for the team-sync journeys: PouchDB Server, in memory, started
// and stopped with the journeys (its config and log in .couch-e2e/).
export const COUCH = `http://127.0.0.1:${PORT + 2}`;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results',
  use: {
    baseURL: ROOT,
    viewport: { width: 1024, height: 768 },
    locale: 'zh-CN',
    acceptDownloads: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: [
    {
      command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory dist`,
      cwd: '../..',
      url: ROOT + '/index.html',
      reuseExistingServer: false,
    },
    {
      command: `python3 -m http.server ${PORT + 1} --bind 127.0.0.1`,
      cwd: '../..',
      url: SUBPATH + 'index.html',
      reuseExistingServer: false,
    },
    {
      command: `rm -rf .couch-e2e && mkdir -p .couch-e2e && cd .couch-e2e && exec ../node_modules/.bin/pouchdb-server --in-memory `
        + `--host 127.0.0.1 --port ${PORT + 2} --config ./config.json --no-color`,
      cwd: '../..',
      url: COUCH + '/',
      reuseExistingServer: false,
    },
  ],
});
