/**
 * The open providers' demo fixtures (`packages/devserver/demo/pt-fixtures/<provider id>/`): every file parses, is
 * what the replay answers to the handler's upstream request for it (built from the catalogue's templates), names only
 * reserved names, and together they tell the demo story without PassiveTotal (WHOIS, certificates, resolutions,
 * reputation and host attributes of login-secure-update.example and 203.0.113.77). The error folder's provider
 * cases give the statuses the demo README promises.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PT_ERROR_FIXTURES_DIR, DEMO_PT_FIXTURES_DIR } from '../demo';
import { unreservedNames } from '../demo/reserved-names';
import { OPEN_PROVIDER_IDS, isOpenProviderId, type OpenProviderId } from './open-providers';
import { createReplayServer, type ReplayResponse } from './replay-server';
import { toReplayRequest, upstreamRequest } from './upstream-requests';

const HOST = '127.0.0.1:4100';
const ORIGIN = `http://${HOST}`;
const D = 'login-secure-update.example';
const IP = '203.0.113.77';

function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
        const p = path.join(dir, f);
        return statSync(p).isDirectory() ? files(p) : [p];
    });
}

/** `<id>/<q>/<operation>.<ext>` → its parts (the operation may have a slash: `registrar/domain`). */
function parts(relative: string): { id: OpenProviderId; query: string; operation: string } {
    const [id = '', query = '', ...rest] = relative.split(path.sep);
    if (!isOpenProviderId(id)) throw new Error(`${relative} is not in a provider folder`);
    return { id, query, operation: rest.join('/').replace(/\.(?:nd)?json$/, '') };
}

const providerFiles = (dir: string): string[] =>
    OPEN_PROVIDER_IDS.flatMap((id) => {
        try {
            return files(path.join(dir, id)).map((f) => path.relative(dir, f));
        } catch {
            return [];
        }
    });

/** A file's values: the JSON, or each NDJSON line. */
function values(dir: string, relative: string): unknown[] {
    const text = readFileSync(path.join(dir, relative), 'utf8');
    if (!relative.endsWith('.ndjson')) return [JSON.parse(text) as unknown];
    const trimmed = text.trim();
    if (trimmed.startsWith('{\n')) return [JSON.parse(trimmed) as unknown];
    return trimmed.split('\n').map((line) => JSON.parse(line) as unknown);
}

function strings(v: unknown, out: string[] = []): string[] {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (const x of v) strings(x, out);
    else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) strings(x, out);
    return out;
}

const demo = createReplayServer({ fixturesDir: DEMO_PT_FIXTURES_DIR });
const errors = createReplayServer({ fixturesDir: DEMO_PT_ERROR_FIXTURES_DIR });

async function ask(
    server: typeof demo,
    id: OpenProviderId,
    operation: string,
    query: string
): Promise<ReplayResponse & { json: () => unknown }> {
    const res = await server.handle(toReplayRequest(upstreamRequest(id, operation, query), HOST));
    return { ...res, json: () => JSON.parse(res.body) as unknown };
}

interface Row {
    readonly [key: string]: unknown;
}
const rows = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);

describe('open providers: demo fixtures', () => {
    const demoFiles = providerFiles(DEMO_PT_FIXTURES_DIR);

    it('has a folder for every provider', () => {
        expect(new Set(demoFiles.map((f) => f.split(path.sep)[0]))).toEqual(new Set(OPEN_PROVIDER_IDS));
    });

    describe.each(demoFiles)('%s', (relative) => {
        it('parses and is no envelope', () => {
            for (const v of values(DEMO_PT_FIXTURES_DIR, relative)) expect(v).not.toHaveProperty('$replay');
        });

        it("is the replay's answer to the handler's upstream request", async () => {
            const { id, query, operation } = parts(relative);
            const res = await ask(demo, id, operation, query);
            expect(res.status).toBe(200);
            expect(res.headers['X-Replay-Source']).toBe(`file:${relative}`);
            expect(res.body).not.toContain('$REPLAY_ORIGIN');
        });

        it('names only reserved domains and documentation addresses', () => {
            const bad = strings(values(DEMO_PT_FIXTURES_DIR, relative)).flatMap((s) => unreservedNames(s));
            expect(bad).toEqual([]);
        });
    });

    describe('the story without PassiveTotal', () => {
        it('WHOIS: a thin registry answer referring to the registrar, whose registrant is redacted', async () => {
            const registry = (await ask(demo, 'rdap', 'domain', D)).json() as Row;
            expect(registry).toMatchObject({ objectClassName: 'domain', ldhName: D.toUpperCase() });
            expect(registry['links']).toContainEqual(
                expect.objectContaining({
                    rel: 'related',
                    type: 'application/rdap+json',
                    href: `${ORIGIN}/rdap/registrar/domain/${D}`,
                })
            );
            // The referral the handler follows is served too, and names the abuse contact.
            const registrar = await demo.handle({ url: `/rdap/registrar/domain/${D}`, headers: { host: HOST } });
            const body = JSON.parse(registrar.body) as Row;
            expect(body['rdapConformance']).toContain('redacted');
            expect(strings(body['redacted'])).toEqual(
                expect.arrayContaining(['Registrant Name', 'Registrant Email', 'Registrant Phone'])
            );
            expect(registrar.body).toContain('"roles":["registrant"]');
            expect(registrar.body).toContain('["fn",{},"text",""]');
            expect(registrar.body).toContain('abuse@bargain-names.test');
            const network = (await ask(demo, 'rdap', 'ip', IP)).json() as Row;
            expect(network).toMatchObject({
                objectClassName: 'ip network',
                startAddress: '203.0.113.0',
                country: 'NL',
            });
            expect((await ask(demo, 'rdap', 'autnum', 'AS64501')).json()).toMatchObject({ handle: 'AS64501' });
        });

        it("certificates: crt.sh and Cert Spotter both list the story's hosts", async () => {
            const crtsh = rows((await ask(demo, 'crtsh', 'certificates', D)).json());
            const names = crtsh.flatMap((r) => String(r['name_value']).split('\n'));
            expect(names).toEqual(expect.arrayContaining([D, `www.${D}`, `mail.${D}`, `account.${D}`]));
            expect(crtsh.map((r) => r['common_name'])).toContain('docs-share-portal.example');
            const subdomains = rows((await ask(demo, 'crtsh', 'subdomains', D)).json());
            expect(subdomains.flatMap((r) => String(r['name_value']).split('\n'))).not.toContain(D);
            const issuances = rows((await ask(demo, 'certspotter', 'issuances', D)).json());
            expect(issuances.flatMap((r) => rows(r['dns_names']))).toEqual(
                expect.arrayContaining([D, 'docs-share-portal.example', 'account-verify-portal.example'])
            );
        });

        it('resolutions: mnemonic and OTX both have 203.0.113.77, and each has one the other lacks', async () => {
            const mnemonic = rows(((await ask(demo, 'mnemonic', 'resolutions', D)).json() as Row)['data']).map(
                (r) => r['answer']
            );
            const otx = rows(((await ask(demo, 'otx', 'passive_dns', D)).json() as Row)['passive_dns']).map(
                (r) => r['address']
            );
            expect(mnemonic).toContain(IP);
            expect(otx).toContain(IP);
            expect(otx.filter((a) => !mnemonic.includes(a))).toEqual(['198.51.100.10']);
            expect(mnemonic.filter((a) => !otx.includes(a))).toEqual(['2001:db8:4d2::77', '192.0.2.146']);
            const reverse = rows(((await ask(demo, 'mnemonic', 'resolutions', IP)).json() as Row)['data']);
            expect(reverse.map((r) => r['query'])).toEqual(
                expect.arrayContaining([D, 'docs-share-portal.example', 'mailbox-quota-alert.test'])
            );
            const circl = (await ask(demo, 'circl', 'resolutions', D)).body.trim().split('\n');
            expect(circl.map((l) => (JSON.parse(l) as Row)['rrtype'])).toEqual(['A', 'NS', 'MX']);
        });

        it.each([D, IP])('reputation: OTX, URLhaus and ThreatFox mark %s malicious', async (q) => {
            const general = (await ask(demo, 'otx', 'general', q)).json() as { pulse_info: { count: number } };
            expect(general.pulse_info.count).toBeGreaterThan(0);
            const urlhaus = (await ask(demo, 'urlhaus', 'host', q)).json() as Row;
            expect(urlhaus).toMatchObject({ query_status: 'ok', host: q });
            expect(rows(urlhaus['urls']).length).toBeGreaterThan(0);
            const threatfox = (await ask(demo, 'threatfox', 'search', q)).json() as Row;
            expect(threatfox['query_status']).toBe('ok');
            expect(rows(threatfox['data'])[0]).toMatchObject({ malware_printable: 'DemoStealer' });
        });

        it('host attributes: InternetDB knows 203.0.113.77', async () => {
            expect((await ask(demo, 'internetdb', 'host', IP)).json()).toMatchObject({
                ip: IP,
                ports: [22, 80, 443],
                hostnames: expect.arrayContaining([D]) as unknown,
            });
        });
    });
});

describe('open providers: error fixtures', () => {
    const errorFiles = providerFiles(DEMO_PT_ERROR_FIXTURES_DIR);

    it.each(errorFiles)('%s parses and names only reserved names', (relative) => {
        const bad = strings(values(DEMO_PT_ERROR_FIXTURES_DIR, relative)).flatMap((s) => unreservedNames(s));
        expect(bad).toEqual([]);
    });

    const OUTAGE = 'provider-outage.example';
    const LIMITS = 'provider-limits.example';

    it.each<[OpenProviderId, string, string, number]>([
        ['rdap', 'domain', OUTAGE, 200],
        ['rdap', 'registrar/domain', OUTAGE, 503],
        ['crtsh', 'certificates', OUTAGE, 502],
        ['crtsh', 'subdomains', OUTAGE, 502],
        ['certspotter', 'issuances', OUTAGE, 200],
        ['mnemonic', 'resolutions', OUTAGE, 503],
        ['otx', 'passive_dns', OUTAGE, 200],
        ['otx', 'general', OUTAGE, 200],
        ['circl', 'resolutions', OUTAGE, 200],
        ['urlhaus', 'host', OUTAGE, 200],
        ['threatfox', 'search', OUTAGE, 500],
        ['rdap', 'domain', LIMITS, 429],
        ['crtsh', 'certificates', LIMITS, 429],
        ['crtsh', 'subdomains', LIMITS, 429],
        ['certspotter', 'issuances', LIMITS, 429],
        ['mnemonic', 'resolutions', LIMITS, 402],
        ['otx', 'passive_dns', LIMITS, 429],
        ['otx', 'general', LIMITS, 429],
        ['circl', 'resolutions', LIMITS, 429],
        ['urlhaus', 'host', LIMITS, 429],
        ['threatfox', 'search', LIMITS, 429],
        ['internetdb', 'host', '198.51.100.250', 429],
        ['rdap', 'ip', '198.51.100.250', 429],
        ['mnemonic', 'resolutions', '198.51.100.250', 200],
    ])('%s %s of %s answers %i', async (id, operation, query, status) => {
        const res = await ask(errors, id, operation, query);
        expect(res.status).toBe(status);
        if (status === 429 && id !== 'mnemonic') expect(res.headers['Retry-After']).toBe('60');
    });

    it('gives the gateway pages and bodies the providers send', async () => {
        const crtsh = await ask(errors, 'crtsh', 'certificates', OUTAGE);
        expect(crtsh.headers['Content-Type']).toBe('text/html');
        expect(crtsh.body).toContain('502 Bad Gateway');
        expect((await ask(errors, 'mnemonic', 'resolutions', OUTAGE)).json()).toMatchObject({
            responseCode: 503,
            data: null,
        });
        expect((await ask(errors, 'mnemonic', 'resolutions', LIMITS)).json()).toMatchObject({ responseCode: 402 });
        expect((await ask(errors, 'certspotter', 'issuances', LIMITS)).json()).toMatchObject({ code: 'rate_limited' });
        // One provider of a dataset fails, the other fills.
        expect(rows((await ask(errors, 'certspotter', 'issuances', OUTAGE)).json())).toHaveLength(1);
        expect((await ask(errors, 'otx', 'passive_dns', OUTAGE)).json()).toMatchObject({ count: 1 });
    });

    it('slows crt.sh down by 5 s for provider-slow.example (the others answer at once)', () => {
        for (const op of ['certificates', 'subdomains']) {
            const env = values(
                DEMO_PT_ERROR_FIXTURES_DIR,
                path.join('crtsh', 'provider-slow.example', `${op}.json`)
            )[0];
            expect(env).toMatchObject({ $replay: { status: 200, delayMs: 5000 } });
        }
    });
});
