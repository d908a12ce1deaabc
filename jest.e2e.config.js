// Browser tests: Debian's Chromium driven by playwright-core against the stand-in (npm run test:e2e).
module.exports = {
    displayName: 'e2e',
    rootDir: 'packages/app',
    testEnvironment: 'node',
    testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
    transform: { '^.+\\.[jt]sx?$': ['babel-jest', { rootMode: 'upward' }] },
    testTimeout: 60000,
    maxWorkers: 1,
};
