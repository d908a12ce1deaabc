// `npm test`: every check that needs no browser. Lint, type checks, jest (unit and integration tests of every
// package), the Python checks and handler tests, and the build vetted against Splunk's .spec files.
import path from 'node:path';
import { findSpecDir } from './spec-dir';
import { jestCounts, plainCounts, runSteps, unittestCounts, type Step } from './run-steps';

const root = path.resolve(__dirname, '..');
const specs = findSpecDir(root);
if (!specs)
    console.log('Splunk .spec files not found (SPLUNK_SPEC_DIR or ../shared): the vet step checks without them.');

const npx = (args: string[]) => ({ command: 'npx', args });
const steps: Step[] = [
    // catalogue/catalogue.json is the single source of bin/passivetotal_app/catalogue.py and core's catalogue module.
    {
        name: 'catalogue: generated files are current',
        command: 'npx',
        args: ['tsx', 'scripts/catalogue.ts', '--check'],
    },
    { name: 'catalogue: generator tests', command: 'npx', args: ['tsx', '--test', 'scripts/catalogue.test.ts'] },
    { name: 'lint (eslint)', ...npx(['eslint', '.']) },
    { name: 'format (prettier --check)', ...npx(['prettier', '--check', '.']) },
    { name: 'type check (tsc --noEmit)', command: 'npm', args: ['run', '--silent', 'typecheck'] },
    // The stand-in's integration tests run the built app (stage/), so the build comes first.
    { name: 'build (stage/)', command: 'npm', args: ['run', '--silent', 'build'] },
    { name: 'jest: core, tooling, devserver, app', ...npx(['jest', '--ci']), count: jestCounts },
    // flake8, mypy and pylint (setup.cfg): Debian's packages, which .ci/run installs.
    ...(['flake8', 'mypy', 'pylint'] as const).map((tool) => ({
        name: `python: ${tool}`,
        command: 'python3',
        args: ['scripts/python_checks.py', tool],
    })),
    {
        name: 'python: bin/ handler tests (unittest)',
        command: 'python3',
        args: ['-m', 'unittest', 'discover', '-s', 'tests/python', '-v'],
        env: { PYTHONDONTWRITEBYTECODE: '1' },
        count: unittestCounts,
    },
    {
        name: 'python: stand-in persistconn driver (unittest)',
        command: 'python3',
        args: ['-m', 'unittest', 'discover', '-s', 'packages/devserver/python/tests', '-v'],
        env: { PYTHONDONTWRITEBYTECODE: '1' },
        count: unittestCounts,
    },
    // The tests again on every other supported Python (3.9 to 3.13) found on the machine; it names those missing.
    {
        name: 'python: tests on other 3.x versions',
        command: 'python3',
        args: ['scripts/python_checks.py', 'versions'],
        count: plainCounts,
    },
    {
        name: 'vet stage/',
        command: 'npm',
        args: ['run', '--silent', 'vet', '--', ...(specs ? ['--specs', specs] : [])],
    },
];

void runSteps('npm test', steps);
