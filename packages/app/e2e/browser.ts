import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDevserver, type RunningDevserver } from '@passivetotal/devserver/src/server';

/** Debian's Chromium (`apt-get install -y chromium`); browser tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const STAGE = path.resolve(__dirname, '../../../stage');
export const SCREENSHOTS = path.resolve(__dirname, '../../../test-results/screenshots');

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

/** Starts the stand-in on a free port with the built app in stage/. */
export function startStandIn(
    options: { user?: 'admin' | 'analyst'; theme?: 'light' | 'dark' } = {}
): Promise<RunningDevserver> {
    return startDevserver({
        port: 0,
        splunkdPort: 0,
        host: '127.0.0.1',
        user: options.user ?? 'admin',
        theme: options.theme ?? 'light',
        stage: STAGE,
    });
}

/** Collects the page's uncaught errors and console errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
        // The stand-in has no Splunk bar; @splunk/react-page says so and renders the page on its own.
        if (message.type() === 'error' && !message.text().includes('Unable to load layout'))
            errors.push(message.text());
    });
    return errors;
}

/** Saves a full-page screenshot under test-results/screenshots/ (git-ignored) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
