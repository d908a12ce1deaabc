/**
 * The benign background of the demo: employees browsing (proxy, the proxy's DNS lookups, the edge gateway and the
 * Zeek sensor), workstations resolving internal names, internal traffic through the core firewall, Internet
 * scanners dropped at the edge, inbound and internal mail, and one earlier lure from a lookalike domain. Volumes
 * are per day and multiplied by `scale`.
 *
 * The background holds near misses of the story's indicators, so the demo shows that matching is exact: the site
 * on 203.0.113.7 and the scanner 203.0.113.170 (not 203.0.113.77), the site on 198.51.100.100 (not the shared CDN
 * address 198.51.100.10) and the lookalike `my-login-secure-update.example` (not `login-secure-update.example`).
 */
import { INFRA, INTERNAL_NAMES, INTERNAL_SUBJECTS, MAIL_SENDERS, SITES, type Site, type Workstation } from './company';
import type { DemoEvent } from './demo-event';
import { dnsLookupEvents } from './dns-log';
import {
    benignCertificate,
    proxyConnection,
    proxyLookup,
    type EgressContext,
    type UpstreamConnection,
    type UpstreamRequest,
} from './egress';
import { mailTraceEvent } from './email-log';
import { EDGE_RULES, edgeEvent, fortiTrafficEvent } from './firewall-log';
import type { Prng } from './prng';
import { proxyEvent, type ProxyRequest } from './proxy-log';

/** Events per day at scale 1. */
export const DAILY_VOLUME = Object.freeze({
    browsingSessions: 130,
    internalLookupsPerHost: 2,
    internalConnections: 60,
    scannerDrops: 25,
    mails: 50,
});

/** The near misses of the story's indicators that the background contains. */
export const NEAR_MISSES = Object.freeze({
    /** A scanner one digit away from the phishing address, dropped at the edge all day. */
    scannerIp: '203.0.113.170',
    /** The lookalike domain of an earlier lure; it no longer resolves. */
    lookalikeDomain: 'my-login-secure-update.example',
    lookalikeSender: 'account-alert@my-login-secure-update.example',
    lookalikeSenderIp: '192.0.2.219',
});

/** The window and population of one run. */
export interface BackgroundPlan {
    /** Epoch seconds, inclusive. */
    readonly start: number;
    /** Epoch seconds, exclusive. */
    readonly end: number;
    readonly days: number;
    readonly scale: number;
    readonly hosts: readonly Workstation[];
}

/** Relative activity per UTC hour (office hours 08-18). */
const HOURLY = [
    0.04, 0.03, 0.03, 0.03, 0.04, 0.06, 0.15, 0.4, 0.9, 1, 1, 1, 0.8, 1, 1, 1, 0.9, 0.7, 0.35, 0.2, 0.12, 0.08, 0.06,
    0.05,
];

/** A time in the window, more likely during office hours. */
export function activeTime(prng: Prng, start: number, end: number): number {
    for (let attempt = 0; attempt < 1000; attempt++) {
        const t = start + Math.floor(prng.next() * (end - start));
        const hour = new Date(t * 1000).getUTCHours();
        if (prng.next() < (HOURLY[hour] ?? 0.05)) return t;
    }
    return start + Math.floor(prng.next() * (end - start));
}

const count = (plan: BackgroundPlan, perDay: number): number => Math.round(perDay * plan.days * plan.scale);

function statusFor(prng: Prng, method: string): number {
    if (method === 'POST') return prng.chance(0.9) ? 200 : 302;
    return prng.weighted([
        [200, 86],
        [304, 9],
        [302, 3],
        [404, 2],
    ]);
}

function contentTypeFor(path: string): string {
    if (path.endsWith('.js')) return 'application/javascript';
    if (path.endsWith('.css')) return 'text/css';
    if (/\.(png|svg|ico)$/.test(path)) return path.endsWith('.svg') ? 'image/svg+xml' : 'image/png';
    if (/\.(cab|psf|vdb|cvd|tgz)$/.test(path)) return 'application/octet-stream';
    if (path.startsWith('/api') || path.includes('service.svc') || path.includes('oauth2')) return 'application/json';
    return 'text/html; charset=utf-8';
}

/** The plain-HTTP request the proxy sent upstream for a client's request. */
function upstream(r: ProxyRequest): UpstreamRequest {
    return {
        time: r.time,
        method: r.method,
        host: r.host,
        uri: `${r.path}${r.query ?? ''}`,
        ...(r.referer === undefined ? {} : { referrer: r.referer }),
        userAgent: r.userAgent,
        requestBodyLen: r.method === 'POST' ? Math.max(0, r.csBytes - 420) : 0,
        responseBodyLen: r.status === 304 ? 0 : Math.max(0, r.scBytes - 310),
        status: r.status,
        ...(r.contentType === undefined ? {} : { mimeType: r.contentType.split(';')[0] ?? r.contentType }),
    };
}

/** One employee visiting one site: 1-6 proxy lines plus DNS, edge gateway and Zeek records. */
function browse(ctx: EgressContext, plan: BackgroundPlan, ws: Workstation, site: Site, t0: number): DemoEvent[] {
    const { prng } = ctx;
    const ip = site.ips[0] ?? '192.0.2.1';
    const out: DemoEvent[] = [];
    if (prng.chance(0.45)) out.push(...proxyLookup(ctx, t0, site.host, site.ips));
    const base = {
        clientIp: ws.ip,
        user: ws.user,
        userAgent: ws.userAgent,
        category: site.category,
        host: site.host,
    };
    const tls = { serverName: site.host, version: site.tls ?? 'TLSv13', certificate: benignCertificate(site.host) };
    let connection: UpstreamConnection | undefined;
    if (site.tunnel === true) {
        const bytes = prng.int(20_000, 400_000);
        const timeTakenMs = prng.int(5_000, 180_000);
        out.push(
            proxyEvent({
                ...base,
                time: t0,
                timeTakenMs,
                filterResult: 'OBSERVED',
                status: 200,
                sAction: 'TCP_TUNNELED',
                method: 'CONNECT',
                scheme: 'tcp',
                port: 443,
                path: '/',
                scBytes: bytes,
                csBytes: Math.round(bytes / 8),
                supplierIp: ip,
            })
        );
        connection = {
            time: t0,
            dest: ip,
            destPort: 443,
            duration: timeTakenMs / 1000,
            bytesSent: Math.round(bytes / 8),
            bytesReceived: bytes,
            tls,
        };
    } else {
        const requests = prng.int(1, 6);
        let referer: string | undefined = prng.chance(0.3) ? 'https://search-engine.example/search' : undefined;
        let t = t0;
        let total = 0;
        const sent: ProxyRequest[] = [];
        for (let i = 0; i < requests && t < plan.end; i++) {
            const path = i === 0 ? (site.paths[0] ?? '/') : prng.pick(site.paths);
            const method = i > 0 && site.https && prng.chance(0.1) ? 'POST' : 'GET';
            const hit = method === 'GET' && /\.(js|css|png|svg)$/.test(path) && prng.chance(0.5);
            const scBytes = /\.(cab|psf|vdb|cvd|tgz)$/.test(path)
                ? prng.int(400_000, 9_000_000)
                : prng.int(600, 90_000);
            const request: ProxyRequest = {
                ...base,
                time: t,
                timeTakenMs: hit ? prng.int(1, 12) : prng.int(40, 1_400),
                filterResult: 'OBSERVED',
                status: statusFor(prng, method),
                sAction: hit ? 'TCP_HIT' : 'TCP_NC_MISS',
                method,
                contentType: contentTypeFor(path),
                scheme: site.https ? 'https' : 'http',
                port: site.https ? 443 : 80,
                path,
                ...(path === '/search'
                    ? { query: `?q=${prng.pick(['quarterly+report', 'weather', 'flights', 'typescript'])}` }
                    : {}),
                ...(referer === undefined ? {} : { referer }),
                scBytes,
                csBytes: method === 'POST' ? prng.int(800, 12_000) : prng.int(300, 1_200),
                ...(hit ? {} : { supplierIp: ip }),
            };
            out.push(proxyEvent(request));
            if (!hit) {
                sent.push(request);
                total += scBytes;
            }
            referer = `${request.scheme}://${request.host}${request.path}${request.query ?? ''}`;
            t += prng.int(0, 4);
        }
        if (sent.length > 0) {
            connection = {
                time: t0,
                dest: ip,
                destPort: site.https ? 443 : 80,
                duration: t - t0 + prng.int(1, 30),
                bytesSent: sent.reduce((n, r) => n + r.csBytes, 0),
                bytesReceived: total + 4_000,
                ...(site.https ? { tls } : { http: sent.map(upstream) }),
            };
        }
    }
    if (connection !== undefined && connection.time < plan.end) out.push(...proxyConnection(ctx, connection));
    return out;
}

function browsing(ctx: EgressContext, plan: BackgroundPlan): DemoEvent[] {
    const { prng } = ctx;
    const out: DemoEvent[] = [];
    for (let i = 0; i < count(plan, DAILY_VOLUME.browsingSessions); i++) {
        const ws = prng.pick(plan.hosts);
        const sites = SITES.filter((s) => ws.developer || s.developersOnly !== true);
        const site = prng.weighted(sites.map((s) => [s, s.weight] as const));
        out.push(...browse(ctx, plan, ws, site, activeTime(prng, plan.start, plan.end)));
    }
    return out;
}

function internalLookups(ctx: EgressContext, plan: BackgroundPlan): DemoEvent[] {
    const { prng } = ctx;
    const out: DemoEvent[] = [];
    const n = count(plan, DAILY_VOLUME.internalLookupsPerHost * plan.hosts.length);
    for (let i = 0; i < n; i++) {
        const ws = prng.pick(plan.hosts);
        const time = activeTime(prng, plan.start, plan.end);
        const clientPort = prng.int(49152, 65535);
        if (prng.chance(0.08)) {
            out.push(
                ...dnsLookupEvents({
                    time,
                    clientIp: ws.ip,
                    clientPort,
                    query: `wpad.${INFRA.adDomain}`,
                    recordType: 'A',
                    replyCode: 'NXDOMAIN',
                    answers: [],
                    ttl: 0,
                    authoritative: true,
                })
            );
            continue;
        }
        const [query, answer] = prng.pick(INTERNAL_NAMES);
        out.push(
            ...dnsLookupEvents({
                time,
                clientIp: ws.ip,
                clientPort,
                query,
                recordType: 'A',
                replyCode: 'NOERROR',
                answers: [answer],
                ttl: 1200,
                authoritative: true,
            })
        );
    }
    return out;
}

const INTERNAL_SERVICES: readonly (readonly [string, number, string, 'tcp' | 'udp'])[] = [
    [INFRA.fileServer.ip, 445, 'SMB', 'tcp'],
    [INFRA.domainController.ip, 389, 'LDAP', 'tcp'],
    [INFRA.domainController.ip, 88, 'KERBEROS', 'tcp'],
    [INFRA.intranet.ip, 443, 'HTTPS', 'tcp'],
    [INFRA.printer.ip, 9100, 'tcp/9100', 'tcp'],
];

function internalConnections(ctx: EgressContext, plan: BackgroundPlan): DemoEvent[] {
    const { prng, counters } = ctx;
    const out: DemoEvent[] = [];
    for (let i = 0; i < count(plan, DAILY_VOLUME.internalConnections); i++) {
        const ws = prng.pick(plan.hosts);
        const [dest, port, service, transport] = prng.pick(INTERNAL_SERVICES);
        counters.session += prng.int(1, 40);
        out.push(
            fortiTrafficEvent({
                time: activeTime(prng, plan.start, plan.end),
                src: ws.ip,
                srcPort: prng.int(49152, 65535),
                dest,
                destPort: port,
                transport,
                action: 'close',
                service,
                policyId: 12,
                dstIntf: 'port3',
                dstCountry: 'Reserved',
                sentBytes: prng.int(400, 200_000),
                receivedBytes: prng.int(400, 900_000),
                duration: prng.int(1, 600),
                sessionId: counters.session,
            })
        );
    }
    return out;
}

function scannerDrops(ctx: EgressContext, plan: BackgroundPlan): DemoEvent[] {
    const { prng, counters } = ctx;
    const out: DemoEvent[] = [];
    for (let i = 0; i < count(plan, DAILY_VOLUME.scannerDrops); i++) {
        const src = prng.chance(0.3)
            ? NEAR_MISSES.scannerIp
            : prng.chance(0.5)
              ? `192.0.2.${prng.int(160, 199)}`
              : `203.0.113.${prng.int(150, 199)}`;
        counters.sequence += 1;
        out.push(
            edgeEvent({
                time: plan.start + Math.floor(prng.next() * (plan.end - plan.start)),
                src,
                srcPort: prng.int(1024, 65535),
                dest: INFRA.publicIp,
                destPort: prng.pick([22, 23, 445, 3389, 8080, 5900]),
                transport: 'tcp',
                action: 'Drop',
                rule: EDGE_RULES.cleanup,
                direction: 'inbound',
                sequence: counters.sequence,
            })
        );
    }
    return out;
}

function mails(ctx: EgressContext, plan: BackgroundPlan): DemoEvent[] {
    const { prng } = ctx;
    const out: DemoEvent[] = [];
    for (let i = 0; i < count(plan, DAILY_VOLUME.mails); i++) {
        const to = prng.pick(plan.hosts);
        const time = activeTime(prng, plan.start, plan.end);
        const traceId = `${prng.hex(8)}-${prng.hex(4)}-${prng.hex(4)}-${prng.hex(4)}-${prng.hex(12)}`;
        if (prng.chance(0.55)) {
            const [sender, ip, subjects] = prng.pick(MAIL_SENDERS);
            out.push(
                mailTraceEvent({
                    time,
                    messageId: `<${prng.hex(24)}@${sender.split('@')[1] ?? 'example'}>`,
                    traceId,
                    sender,
                    recipient: to.email,
                    subject: prng.pick(subjects),
                    status: prng.chance(0.93) ? 'Delivered' : 'FilteredAsSpam',
                    fromIp: ip,
                    size: prng.int(8_000, 160_000),
                })
            );
        } else {
            const from = prng.pick(plan.hosts);
            out.push(
                mailTraceEvent({
                    time,
                    messageId: `<${prng.hex(24)}@${INFRA.mailTenant}>`,
                    traceId,
                    sender: from.email,
                    recipient: to.email,
                    subject: prng.pick(INTERNAL_SUBJECTS),
                    status: 'Delivered',
                    size: prng.int(3_000, 2_500_000),
                })
            );
        }
    }
    return out;
}

/**
 * An earlier, unrelated lure a quarter into the window: a message from the lookalike domain reaches one employee,
 * who clicks its link; the name no longer resolves, so the proxy answers 503 itself. The lookalike is in the mail,
 * proxy and DNS logs, and none of it is a sighting of `login-secure-update.example`.
 */
function lookalikeLure(ctx: EgressContext, plan: BackgroundPlan): DemoEvent[] {
    const { prng } = ctx;
    const ws = plan.hosts[7] ?? plan.hosts[0];
    if (ws === undefined) return [];
    const quarter = plan.start + Math.floor((plan.end - plan.start) / 4);
    const time = activeTime(prng, quarter, quarter + 6 * 3600);
    const click = time + prng.int(120, 900);
    const host = NEAR_MISSES.lookalikeDomain;
    return [
        mailTraceEvent({
            time,
            messageId: `<${prng.hex(20)}@${host}>`,
            traceId: `${prng.hex(8)}-${prng.hex(4)}-${prng.hex(4)}-${prng.hex(4)}-${prng.hex(12)}`,
            sender: NEAR_MISSES.lookalikeSender,
            recipient: ws.email,
            subject: 'Unusual sign-in activity on your account',
            status: 'Delivered',
            fromIp: NEAR_MISSES.lookalikeSenderIp,
            size: 19_204,
        }),
        ...proxyLookup(ctx, click, host, [], 'NXDOMAIN'),
        proxyEvent({
            time: click,
            timeTakenMs: 38,
            clientIp: ws.ip,
            user: ws.user,
            userAgent: ws.userAgent,
            filterResult: 'OBSERVED',
            category: 'Uncategorized',
            status: 503,
            sAction: 'TCP_ERR_MISS',
            method: 'GET',
            contentType: 'text/html',
            scheme: 'http',
            host,
            port: 80,
            path: '/account/verify',
            query: '?session=7f3a91',
            scBytes: 1_421,
            csBytes: 512,
            exceptionId: 'dns_unresolved_hostname',
        }),
    ];
}

/**
 * All background events of a run (unsorted).
 *
 * @example backgroundEvents(ctx, { start, end, days: 3, scale: 1, hosts: workstations() }).length // about 3,700
 */
export function backgroundEvents(ctx: EgressContext, plan: BackgroundPlan): DemoEvent[] {
    const part = (label: string): EgressContext => ({ prng: ctx.prng.fork(label), counters: ctx.counters });
    return [
        ...browsing(part('browsing'), plan),
        ...internalLookups(part('internal-dns'), plan),
        ...internalConnections(part('internal-traffic'), plan),
        ...scannerDrops(part('scanners'), plan),
        ...mails(part('mail'), plan),
        ...lookalikeLure(part('lookalike'), plan),
    ];
}
