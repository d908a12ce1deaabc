// `npm run test:e2e`: browser tests in Debian's Chromium against the stand-in (the app is built first by the
// npm script). Screenshots of each step land in test-results/screenshots/.
import { existsSync } from 'node:fs';
import { jestCounts, runSteps } from './run-steps';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
    console.error(
        `Chromium not found at ${chromium}. Install Debian's: apt-get install -y chromium (or set CHROMIUM_PATH).`
    );
    process.exit(1);
}
void runSteps('npm run test:e2e', [
    {
        name: 'browser tests (Chromium)',
        command: 'npx',
        args: ['jest', '--ci', '-c', 'jest.e2e.config.js'],
        count: jestCounts,
    },
]);
