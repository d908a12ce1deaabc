/**
 * The benchmark's synthetic large case: a shared-hosting address with 10,000 passive DNS records, a domain with
 * hundreds of subdomains and certificates, and 200,000 local events, so the cost of an investigation can be
 * measured against the amount of work. Written as a PassiveTotal replay folder (the stand-in's `--pt-fixtures` layout
 * `DIR/<query>/<path>.json`) and an `--events` file. Deterministic for a given `now` and seed.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { createPrng } from './prng';

/** The large case's indicators. */
export const LARGE_CASE = {
    /** The shared-hosting address: 10,000 passive DNS records by default. */
    ip: '198.51.100.200',
    /** The domain with hundreds of subdomains and certificates. */
    domain: 'bulk-hosting.example',
} as const;

/** Sizes of the large case. */
export interface LargeCaseOptions {
    /** End of the event window (epoch milliseconds). */
    readonly now: number;
    readonly seed?: string;
    /** Passive DNS records of {@link LARGE_CASE.ip} (default 10,000). */
    readonly ipRecords?: number;
    /** Subdomains of {@link LARGE_CASE.domain}, each with its own certificate (default 400). */
    readonly subdomains?: number;
    /** Local events (default 200,000). */
    readonly events?: number;
    /** Days the events span (default 7). */
    readonly days?: number;
}

/** What {@link writeLargeCase} wrote. */
export interface LargeCase {
    /** Replay folder with the large case's answers only (pass it together with the demo's, see `fixtureLayers`). */
    readonly fixturesDir: string;
    readonly eventsFile: string;
    readonly ipRecords: number;
    readonly subdomains: number;
    readonly events: number;
}

const DAY = 86_400;

function ptDate(epochSeconds: number): string {
    return new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

function hex(prng: ReturnType<typeof createPrng>, digits: number): string {
    let out = '';
    while (out.length < digits) out += prng.int(0, 0xffff).toString(16).padStart(4, '0');
    return out.slice(0, digits);
}

/** The n-th address of the case's hosting range (198.51.100.0/24 and 203.0.113.0/24, documentation ranges). */
function hostingAddress(n: number): string {
    return n % 2 === 0 ? `198.51.100.${String(1 + (n % 199))}` : `203.0.113.${String(1 + (n % 250))}`;
}

function subdomainName(n: number): string {
    return `app-${String(n).padStart(4, '0')}.${LARGE_CASE.domain}`;
}

async function writeJson(file: string, body: unknown): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(body), 'utf8');
}

/**
 * Writes the large case into `dir` (`dir/pt-fixtures/`, `dir/events.jsonl`).
 *
 * @example const large = await writeLargeCase('/tmp/large', { now: Date.now() }); // --pt-fixtures large.fixturesDir
 */
export async function writeLargeCase(dir: string, options: LargeCaseOptions): Promise<LargeCase> {
    const prng = createPrng(options.seed ?? 'passivetotal-large-case');
    const ipRecords = options.ipRecords ?? 10_000;
    const subdomains = options.subdomains ?? 400;
    const eventCount = options.events ?? 200_000;
    const days = options.days ?? 7;
    const end = Math.floor(options.now / 1000);
    const start = end - days * DAY;
    const fixturesDir = path.join(dir, 'pt-fixtures');

    // 1. The shared-hosting address: every record a different customer site.
    const ipDir = path.join(fixturesDir, LARGE_CASE.ip);
    const ipResults = Array.from({ length: ipRecords }, (_, i) => {
        const first = end - prng.int(30, 900) * DAY;
        const last = Math.min(end, first + prng.int(1, 400) * DAY);
        return {
            firstSeen: ptDate(first),
            lastSeen: ptDate(last),
            collected: ptDate(end),
            value: LARGE_CASE.ip,
            resolve: `site-${String(i).padStart(5, '0')}.customer-${String(i % 97)}.example`,
            resolveType: 'domain',
            recordType: 'A',
            source: i % 3 === 0 ? ['riskiq', 'pingly'] : ['riskiq'],
            recordHash: hex(prng, 64),
        };
    });
    await writeJson(path.join(ipDir, 'dns/passive.json'), {
        queryValue: LARGE_CASE.ip,
        queryType: 'ip',
        firstSeen: ipResults.reduce((a, r) => (r.firstSeen < a ? r.firstSeen : a), ptDate(end)),
        lastSeen: ptDate(end),
        totalRecords: ipRecords,
        pager: null,
        results: ipResults,
    });
    await writeJson(path.join(ipDir, 'enrichment.json'), {
        queryValue: LARGE_CASE.ip,
        queryType: 'ip',
        tags: ['shared hosting'],
        classification: 'unknown',
        sinkhole: false,
        everCompromised: false,
        dynamicDns: false,
        autonomousSystemNumber: 64500,
        autonomousSystemName: 'BULK-HOSTING-AS',
        country: 'NL',
        network: '198.51.100.0/24',
    });

    // 2. The domain: subdomains, one certificate each, and the addresses they resolved to.
    const names = Array.from({ length: subdomains }, (_, i) => subdomainName(i));
    const domainDir = path.join(fixturesDir, LARGE_CASE.domain);
    await writeJson(path.join(domainDir, 'enrichment/subdomains.json'), {
        queryValue: LARGE_CASE.domain,
        primaryDomain: LARGE_CASE.domain,
        subdomains: names.map((n) => n.slice(0, -LARGE_CASE.domain.length - 1)),
    });
    const certificates = names.map((name, i) => {
        const issued = end - prng.int(10, 300) * DAY;
        const sha1 = hex(prng, 40);
        return {
            sha1,
            fingerprint: sha1.replace(/(..)(?!$)/g, '$1:'),
            serialNumber: String(prng.int(1, 2 ** 31)) + String(i),
            sslVersion: '3',
            issueDate: new Date(issued * 1000).toUTCString().replace(/^\w+, /, ''),
            expirationDate: new Date((issued + 90 * DAY) * 1000).toUTCString().replace(/^\w+, /, ''),
            firstSeen: issued * 1000,
            lastSeen: Math.min(end, issued + 60 * DAY) * 1000,
            subjectCommonName: name,
            subjectAlternativeNames: [name, `www.${name}`],
            issuerCommonName: 'Demo Free TLS CA R3',
            issuerOrganizationName: 'Demo Trust Services',
            issuerCountry: 'US',
        };
    });
    await writeJson(path.join(domainDir, 'ssl-certificate/search.json'), {
        queryValue: LARGE_CASE.domain,
        success: true,
        overallTotalRecords: certificates.length,
        results: certificates,
    });
    const domainResults = names.map((name, i) => ({
        firstSeen: ptDate(end - prng.int(30, 300) * DAY),
        lastSeen: ptDate(end - prng.int(0, 29) * DAY),
        collected: ptDate(end),
        value: name,
        resolve: hostingAddress(i),
        resolveType: 'ip',
        recordType: 'A',
        source: ['riskiq'],
        recordHash: hex(prng, 64),
    }));
    await writeJson(path.join(domainDir, 'dns/passive.json'), {
        queryValue: LARGE_CASE.domain,
        queryType: 'domain',
        firstSeen: domainResults.reduce((a, r) => (r.firstSeen < a ? r.firstSeen : a), ptDate(end)),
        lastSeen: ptDate(end),
        totalRecords: domainResults.length,
        pager: null,
        results: domainResults,
    });

    // 3. Local events: proxy and DNS logs of 2,000 workstations visiting the subdomains and other sites.
    const eventsFile = path.join(dir, 'events.jsonl');
    await mkdir(dir, { recursive: true });
    const out = createWriteStream(eventsFile, 'utf8');
    for (let i = 0; i < eventCount; i += 1) {
        const t = start + Math.floor(((i + prng.next()) * (end - start)) / eventCount);
        const src = `10.${String(40 + (i % 8))}.${String(prng.int(0, 254))}.${String(prng.int(1, 254))}`;
        const known = prng.int(0, 99) < 5;
        const site = known ? prng.int(0, subdomains - 1) : prng.int(0, 5000);
        const host = known ? subdomainName(site) : `www.site-${String(site)}.example.net`;
        const dest = known ? hostingAddress(site) : `192.0.2.${String(1 + (site % 250))}`;
        const when = new Date(t * 1000).toISOString();
        const event =
            i % 4 === 0
                ? {
                      _time: t,
                      _raw: `${when} client=${src} query=${host} type=A answer=${dest}`,
                      index: 'dns',
                      sourcetype: 'bench:dns',
                      host: 'dns01',
                      source: '/var/log/dns/query.log',
                      src,
                      query: host,
                      answer: dest,
                  }
                : {
                      _time: t,
                      _raw: `${when} ${src} GET https://${host}/index.html 200 ${dest} ${String(prng.int(200, 90_000))}`,
                      index: 'proxy',
                      sourcetype: 'bench:proxy',
                      host: 'proxy01',
                      source: '/var/log/proxy/access.log',
                      src,
                      dest,
                      url: `https://${host}/index.html`,
                  };
        if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    return { fixturesDir, eventsFile, ipRecords, subdomains, events: eventCount };
}
