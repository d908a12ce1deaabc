/** Test support: a small built app on disk and a listening stand-in splunkd over it. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventStore } from '../search';
import { createSplunkd, type Splunkd, type SplunkdOptions } from './splunkd-server';

/** "Now" of the tests: 2026-11-28 10:15:30 UTC (epoch ms). */
export const NOW_MS = Date.UTC(2026, 10, 28, 10, 15, 30);

/** The files of the test app, relative to its directory. */
export const APP_FILES: Readonly<Record<string, string>> = {
    'default/app.conf': `[id]
name = passivetotal
version = 2.0.0

[launcher]
author = tests
description = Test app
version = 2.0.0

[install]
is_configured = false

[ui]
is_visible = true
label = PassiveTotal for Splunk
`,
    'default/macros.conf': `[pt_index]
definition = index=main

[pt_host(1)]
args = h
definition = host=$h$
`,
    'default/collections.conf': `[pt_cache]
field.indicator = string
field.score = number
field.fetched_at = time
enforceTypes = true

[pt_loose]
field.score = number
`,
    'default/authorize.conf': `[capability::passivetotal_query]
[capability::passivetotal_admin]

[role_passivetotal_user]
importRoles = user
passivetotal_query = enabled

[role_admin]
passivetotal_query = enabled
passivetotal_admin = enabled
`,
    'default/restmap.conf': `[script:passivetotal_lookup]
match = /passivetotal/lookup
script = passivetotal_handler.py
scripttype = persist
handler = passivetotal_handler.Handler
requireAuthentication = true
output_modes = json
passPayload = true
passSystemAuth = true
passHttpHeaders = true
capability = passivetotal_query

[script:passivetotal_setup]
match = /passivetotal/setup
script = passivetotal_handler.py
scripttype = persist
capability.post = passivetotal_admin
capability.get = passivetotal_query or passivetotal_admin
passSystemAuth = false
passConf = false
`,
    'default/passivetotal.conf': `[default]
shared = yes

[api]
base_url = https://api.passivetotal.org/v2
timeout_seconds = 20
`,
    'metadata/default.meta': `[]
access = read : [ * ], write : [ admin, sc_admin ]
export = none

[collections]
access = read : [ * ], write : [ admin, sc_admin ]
export = none

[macros]
access = read : [ * ], write : [ admin ]
export = none
`,
};

/** Events of the tests: 150 in index main (hosts web1/web2), 2 in index other. */
export function testEvents(): Record<string, unknown>[] {
    const events: Record<string, unknown>[] = [];
    for (let i = 0; i < 150; i++) {
        events.push({
            _time: NOW_MS / 1000 - 60 - i,
            index: 'main',
            sourcetype: 'test',
            host: i % 2 === 0 ? 'web1' : 'web2',
            source: 'test.log',
            _raw: `request ${i} from 10.0.0.${i % 5} status=${i % 3 === 0 ? 500 : 200}`,
            n: String(i),
            status: i % 3 === 0 ? '500' : '200',
        });
    }
    events.push({
        _time: NOW_MS / 1000 - 10,
        index: 'other',
        sourcetype: 't',
        host: 'x',
        source: 's',
        _raw: 'elsewhere 1',
    });
    events.push({
        _time: NOW_MS / 1000 - 20,
        index: 'other',
        sourcetype: 't',
        host: 'x',
        source: 's',
        _raw: 'elsewhere 2',
    });
    return events;
}

/** A listening splunkd over a temporary copy of the test app. */
export interface Harness {
    readonly splunkd: Splunkd;
    /** e.g. `http://127.0.0.1:40123` */
    readonly base: string;
    readonly adminToken: string;
    readonly analystToken: string;
    /** fetch relative to `base` with a token (`Authorization: Splunk …`); `undefined` sends none. */
    call(urlPath: string, init?: RequestInit & { token?: string | undefined }): Promise<Response>;
    close(): Promise<void>;
}

/** Writes the test app, starts splunkd on 127.0.0.1:0 and logs both users in. */
export async function startHarness(options: Partial<SplunkdOptions> = {}, files = APP_FILES): Promise<Harness> {
    const appDir = await mkdtemp(path.join(tmpdir(), 'splunkd-test-'));
    for (const [name, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(appDir, name)), { recursive: true });
        await writeFile(path.join(appDir, name), text);
    }
    const splunkd = await createSplunkd({
        appDir,
        app: 'passivetotal',
        store: EventStore.fromJson(testEvents(), 'test'),
        now: () => NOW_MS,
        jobTimings: { queuedMs: 20, runningMs: 60 },
        ...options,
    });
    await splunkd.server.listen({ port: 0, host: '127.0.0.1' });
    const address = splunkd.server.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const base = `http://127.0.0.1:${port}`;
    const adminToken = splunkd.login('admin', 'changeme');
    const analystToken = splunkd.login('analyst', 'changeme');
    if (adminToken === undefined || analystToken === undefined) throw new Error('test users cannot log in');
    return {
        splunkd,
        base,
        adminToken,
        analystToken,
        call: (urlPath, init = {}) => {
            const { token, headers, ...rest } = init;
            const all = new Headers(headers);
            if (token !== undefined) all.set('Authorization', `Splunk ${token}`);
            return fetch(`${base}${urlPath}`, { ...rest, headers: all });
        },
        close: async () => {
            await splunkd.server.close();
            await rm(appDir, { recursive: true, force: true });
        },
    };
}

/** A form-encoded POST body. */
export function form(values: Record<string, string>): RequestInit {
    return {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(values).toString(),
    };
}
