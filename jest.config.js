// One jest run for every TypeScript package; each package is a project with its own environment.
const transform = { '^.+\\.[jt]sx?$': ['babel-jest', { rootMode: 'upward' }] };
const nodeProject = (name) => ({
    displayName: name,
    rootDir: `packages/${name}`,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.test.ts'],
    transform,
});

module.exports = {
    projects: [
        nodeProject('core'),
        nodeProject('tooling'),
        nodeProject('devserver'),
        {
            displayName: 'app',
            rootDir: 'packages/app',
            testEnvironment: 'jsdom',
            testEnvironmentOptions: { url: 'http://127.0.0.1:8000/en-US/app/passivetotal/investigate' },
            testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
            setupFiles: ['<rootDir>/test/splunk-globals.ts'],
            setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
            transform,
            // The UI Toolkit packages ship CommonJS; nothing under node_modules needs babel.
            transformIgnorePatterns: ['/node_modules/'],
        },
    ],
};
