/**
 * `npm start` (after its build step): the stand-in's command line, run as its own process as a user runs it. It
 * prints the investigate page's URL, serves the page with the demo data and the demo PassiveTotal answers, stops
 * on SIGTERM, and explains bad input instead of starting.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { parseIndicator } from '@passivetotal/core';
import { BrowserSession, SPLUNKD_PATH } from './browser-session';
import { REPO_ROOT } from './stand-in';

const TSX = path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
const CLI = 'packages/devserver/src/cli.ts';

/** A started CLI process and what it printed so far. */
interface CliRun {
    readonly child: ChildProcessWithoutNullStreams;
    readonly output: () => { stdout: string; stderr: string };
    readonly exited: Promise<number | null>;
}

function startCli(args: readonly string[]): CliRun {
    const child = spawn(process.execPath, [TSX, CLI, ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, PORT: '', SPLUNKD_PORT: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, output: () => ({ stdout, stderr }), exited };
}

/** Resolves with the URL once the CLI printed its ready line; rejects if it exits first. */
function readyUrl(run: CliRun): Promise<string> {
    return new Promise((resolve, reject) => {
        const look = () => {
            const url = /stand-in is ready: (http:\/\/\S+)/.exec(run.output().stdout)?.[1];
            if (url) resolve(url);
        };
        run.child.stdout.on('data', look);
        void run.exited.then((code) =>
            reject(new Error(`The CLI exited with ${String(code)} before it was ready: ${run.output().stderr}`))
        );
        look();
    });
}

describe('npm start (the stand-in’s CLI)', () => {
    let run: CliRun | undefined;

    afterAll(async () => {
        if (run && run.child.exitCode === null) {
            run.child.kill('SIGTERM');
            await run.exited;
        }
    });

    it('prints the URL and serves the investigate page with the demo data and demo answers', async () => {
        run = startCli(['--port', '0', '--splunkd-port', '0']);
        const url = await readyUrl(run);
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/en-US\/app\/passivetotal\/investigate$/);

        const { origin, pathname } = new URL(url);
        const browser = await BrowserSession.open(origin, pathname);
        const page = await browser.fetch(pathname);
        expect(await page.text()).toContain('<title>Investigate | PassiveTotal for Splunk</title>');

        // The demo events: the IOC IP's 12 events that TERM() finds (demo README).
        const search = await browser.write('POST', `${SPLUNKD_PATH}/servicesNS/admin/passivetotal/search/jobs`, {
            search: 'search (`passivetotal_index`) TERM(203.0.113.77) | stats count',
            earliest_time: '-7d',
            latest_time: 'now',
            exec_mode: 'oneshot',
            output_mode: 'json',
        });
        expect(search.status).toBe(200);
        expect(((await search.json()) as { results: unknown[] }).results).toEqual([{ count: '12' }]);

        // The app was configured for the replay server with the demo credential.
        const provider = browser.ptProvider();
        const domain = parseIndicator('login-secure-update.example');
        if (!domain.ok) throw new Error(domain.reason);
        const resolutions = await provider.fetch('resolutions', domain.value);
        expect(resolutions.ok && resolutions.value.records.length).toBe(9);

        run.child.kill('SIGTERM');
        expect(await run.exited).toBe(0);
    }, 60_000);

    it('explains a bad --events file and exits 1 without serving', async () => {
        const missing = path.join(REPO_ROOT, 'no-such-events.jsonl');
        const failed = startCli(['--port', '0', '--splunkd-port', '0', '--events', missing]);
        expect(await failed.exited).toBe(1);
        expect(failed.output().stderr).toContain(`${missing}: no such file or folder`);
        expect(failed.output().stdout).not.toContain('is ready');
    }, 60_000);

    it('explains an unknown option with the usage and exits 2', async () => {
        const failed = startCli(['--no-such-option']);
        expect(await failed.exited).toBe(2);
        expect(failed.output().stderr).toContain('Usage: npm start -- [options]');
    }, 60_000);
});
