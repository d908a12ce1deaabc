/// <reference types="node" />
/**
 * What tests of core and of the packages that use it parse and read again and again: indicators the test knows are
 * valid, results it knows succeeded, and core's composed answers of PassiveTotal and the open providers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Indicator } from '../indicators/indicator';
import { parseIndicator } from '../indicators/parse-indicator';
import type { OpenProviderId } from '../providers/open/catalogue';
import type { Result } from '../result';

/**
 * The folder of core's composed PassiveTotal answers, one file per API path with `/` written as `-`
 * (`dns/passive` → `dns-passive.json`); single files are also importable as
 * `@passivetotal/core/fixtures/passivetotal/<name>.json`.
 */
export const PASSIVETOTAL_FIXTURES_DIR = path.resolve(__dirname, '../providers/passivetotal/fixtures');

/** The folder of the open providers' composed answers, `<id>/<name>.json` (the `data` of the endpoint's answer). */
export const OPEN_FIXTURES_DIR = path.resolve(__dirname, '../../test/fixtures/open');

/**
 * The value of a result the test knows succeeded; the test fails with the reason otherwise.
 * @example valueOf(mapWhois(passiveTotalFixture('whois'))).records
 */
export function valueOf<T>(result: Result<T>): T {
    if (!result.ok) throw new Error(result.reason);
    return result.value;
}

/**
 * An indicator the test knows is valid, parsed; the test fails with the reason otherwise.
 * @example parsedIndicator('evil[.]example').value // 'evil.example'
 */
export function parsedIndicator(text: string): Indicator {
    const r = parseIndicator(text);
    if (!r.ok) throw new Error(`${text} is not an indicator: ${r.reason}`);
    return r.value;
}

/**
 * One of core's composed PassiveTotal answers, parsed.
 * @example passiveTotalFixture('dns-passive') // the body of `dns/passive` for evil.example
 */
export function passiveTotalFixture(name: string): unknown {
    return JSON.parse(readFileSync(path.join(PASSIVETOTAL_FIXTURES_DIR, `${name}.json`), 'utf8'));
}

/**
 * One of the open providers' composed answers, parsed.
 * @example openFixture('crtsh', 'certificates') // crt.sh's JSON array for example.com
 */
export function openFixture(id: OpenProviderId, name: string): unknown {
    return JSON.parse(readFileSync(path.join(OPEN_FIXTURES_DIR, id, `${name}.json`), 'utf8'));
}
