import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); browser tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../../..');
export const STAGE = path.join(ROOT, 'stage');
export const SCREENSHOTS = path.resolve(__dirname, '../../../test-results/screenshots');

/** The CSS selector of an element by its stable `data-test` id (`testIds`, `setupTestIds`). */
export const byTestId = (id: string): string => `[data-test="${id}"]`;

/** Starts headless Chromium with the flags this machine's closed network needs. */
export function launchBrowser(): Promise<Browser> {
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
        ],
    });
}

/** A stand-in started for a test. */
export interface StandIn {
    /** The investigate page's URL, as the stand-in printed it. */
    url: string;
    /** Splunk Web's origin, e.g. `http://127.0.0.1:41234`. */
    webUrl: string;
    /** splunkd's REST origin (basic auth `admin` / `changeme` works there). */
    splunkdUrl: string;
    /** The PassiveTotal base URL the stand-in offers (its replay server). */
    ptBaseUrl: string;
    close: () => Promise<void>;
}

/** Options of {@link startStandIn}: the stand-in's own flags. */
export interface StandInOptions {
    user?: 'admin' | 'analyst';
    theme?: 'light' | 'dark';
    /** `--unconfigured`: no PassiveTotal credential and default settings, as freshly installed. */
    unconfigured?: boolean;
    /** `--login`: Splunk Web asks for the login form, so one stand-in serves several users. */
    login?: boolean;
    /** `--pt-fixtures DIR`: the replay server answers from this folder (absolute, or relative to the repository root). */
    ptFixtures?: string;
    /** `--no-passivetotal`: no PassiveTotal credential; the open providers (replayed) fill the tabs alone. */
    noPassivetotal?: boolean;
    /** `--no-scheduler`: no saved search runs on its schedule; the test dispatches the runs it counts. */
    noScheduler?: boolean;
}

/**
 * Starts the stand-in's command line (`npx passivetotal-devserver`, what `npm start` runs) on a free port with the
 * built app in stage/, and waits for the URL it prints.
 */
export function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
    const args = [
        path.join(ROOT, 'node_modules/.bin/passivetotal-devserver'),
        '--port',
        '0',
        '--splunkd-port',
        '0',
        '--user',
        options.user ?? 'admin',
        '--theme',
        options.theme ?? 'light',
        '--stage',
        STAGE,
        ...(options.unconfigured ? ['--unconfigured'] : []),
        ...(options.login ? ['--login'] : []),
        ...(options.ptFixtures ? ['--pt-fixtures', path.resolve(ROOT, options.ptFixtures)] : []),
        ...(options.noPassivetotal ? ['--no-passivetotal'] : []),
        ...(options.noScheduler ? ['--no-scheduler'] : []),
    ];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const close = async () => {
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
    };
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            void close();
            reject(new Error(`The stand-in did not print its URL within 30 s. ${stderr}`));
        }, 30_000);
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`The stand-in exited with ${String(code)}: ${stderr}`));
        });
        const printed: { url?: string; splunkdUrl?: string } = {};
        createInterface({ input: child.stdout }).on('line', (line) => {
            printed.url ??= /ready: (http\S+)/.exec(line)?.[1];
            printed.splunkdUrl ??= /splunkd REST:\s+(http\S+)/.exec(line)?.[1];
            const ptBaseUrl = /PassiveTotal:\s+(http\S+)/.exec(line)?.[1];
            if (ptBaseUrl && printed.url && printed.splunkdUrl) {
                clearTimeout(timer);
                resolve({
                    url: printed.url,
                    webUrl: new URL(printed.url).origin,
                    splunkdUrl: printed.splunkdUrl,
                    ptBaseUrl,
                    close,
                });
            }
        });
    });
}

/** Collects the page's uncaught errors and console errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => {
        if (response.status() >= 400) errors.push(`${String(response.status())} ${response.url()}`);
    });
    page.on('console', (message) => {
        // A failed request is reported with its URL above instead.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
            errors.push(message.text());
        }
    });
    return errors;
}

/** Saves a full-page screenshot under test-results/screenshots/ (git-ignored) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
