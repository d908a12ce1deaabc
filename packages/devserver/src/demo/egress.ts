/**
 * The events one outbound web visit leaves besides the proxy's own lines: the proxy's DNS lookup (question and
 * response in the DNS server's debug log) and the proxy's connection to the server, which the edge gateway logs
 * (hide-NAT to the company's public address) and the Zeek sensor records (`conn.log`, and `ssl.log` or `http.log`
 * by protocol). Shared by the background traffic and the story, so both look alike.
 */
import { createHash } from 'node:crypto';
import { INFRA } from './company';
import type { DemoEvent } from './demo-event';
import { dnsLookupEvents } from './dns-log';
import { EDGE_RULES, edgeEvent } from './firewall-log';
import type { Prng } from './prng';
import { connEvent, httpEvent, sslEvent, zeekUid, type CertificateView } from './zeek-log';

export type { CertificateView } from './zeek-log';

/** Running counters (session ids, log sequence numbers) shared by one generation run. */
export interface Counters {
    session: number;
    sequence: number;
}

/** The generator state the event builders need. */
export interface EgressContext {
    readonly prng: Prng;
    readonly counters: Counters;
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

/**
 * The SHA-1 of a (made-up) issuing CA's certificate, the second entry of a chain.
 *
 * @example caFingerprint('Demo Free TLS CA R3') // 40 hex digits, the same on every run
 */
export function caFingerprint(issuerCn: string): string {
    return sha1(`demo CA certificate ${issuerCn}`);
}

/**
 * A stable, made-up certificate for a benign host (SHA-1 of the host name, a public CA's names).
 *
 * @example benignCertificate('crm-cloud.example').subjectCn // 'crm-cloud.example'
 */
export function benignCertificate(host: string): CertificateView {
    const labels = host.split('.');
    const wildcard = labels.length > 2 ? `*.${labels.slice(1).join('.')}` : host;
    return {
        sha1: sha1(`demo benign certificate ${wildcard}`),
        subjectCn: wildcard,
        issuerCn: 'Demo Commercial CA G2',
        issuerOrg: 'Demo Commercial Trust',
        issuerSha1: caFingerprint('Demo Commercial CA G2'),
    };
}

/**
 * The proxy's look-up of a host name (a cache miss): the question and the response in the DNS debug log.
 *
 * @example proxyLookup(ctx, t, 'docs-share-portal.example', ['203.0.113.77']).length // 2
 */
export function proxyLookup(
    ctx: EgressContext,
    time: number,
    host: string,
    answers: readonly string[],
    replyCode: 'NOERROR' | 'NXDOMAIN' = 'NOERROR'
): DemoEvent[] {
    return dnsLookupEvents({
        time,
        clientIp: INFRA.proxy.ip,
        clientPort: ctx.prng.int(1024, 65535),
        query: host,
        recordType: 'A',
        replyCode,
        answers,
        ttl: 300,
        authoritative: false,
    });
}

/** A plain-HTTP request the proxy sent upstream (Zeek's `http.log`). */
export interface UpstreamRequest {
    readonly time: number;
    readonly method: string;
    readonly host: string;
    /** Path and query. */
    readonly uri: string;
    readonly referrer?: string;
    readonly userAgent: string;
    readonly requestBodyLen: number;
    readonly responseBodyLen: number;
    readonly status: number;
    readonly mimeType?: string;
}

/** One connection from the proxy to a server on the Internet. */
export interface UpstreamConnection {
    /** The connection's first packet (epoch seconds). */
    readonly time: number;
    readonly dest: string;
    readonly destPort: number;
    /** Seconds until the connection closed. */
    readonly duration: number;
    /** Bytes the proxy sent, and received. */
    readonly bytesSent: number;
    readonly bytesReceived: number;
    /** The TLS session (HTTPS and tunnels). */
    readonly tls?: {
        readonly serverName: string;
        readonly version: 'TLSv12' | 'TLSv13';
        readonly certificate?: CertificateView;
    };
    /** The requests sent on it (plain HTTP). */
    readonly http?: readonly UpstreamRequest[];
}

/**
 * The edge gateway's log of the proxy's connection and the Zeek sensor's records of it.
 *
 * @example proxyConnection(ctx, { time, dest: '203.0.113.77', destPort: 80, duration: 1, bytesSent: 1120, bytesReceived: 1604, http: [...] })
 */
export function proxyConnection(ctx: EgressContext, c: UpstreamConnection): DemoEvent[] {
    const { prng, counters } = ctx;
    counters.sequence += 1;
    const srcPort = prng.int(32768, 60999);
    const start = c.time + prng.int(0, 999_999) / 1e6;
    const uid = zeekUid(prng);
    const link = { time: start, uid, src: INFRA.proxy.ip, srcPort, dest: c.dest, destPort: c.destPort };
    const events = [
        edgeEvent({
            time: c.time,
            src: INFRA.proxy.ip,
            srcPort,
            dest: c.dest,
            destPort: c.destPort,
            transport: 'tcp',
            action: 'Accept',
            rule: EDGE_RULES.proxyEgress,
            direction: 'outbound',
            natSrc: INFRA.publicIp,
            natSrcPort: prng.int(1024, 65535),
            bytesIn: c.bytesReceived,
            bytesOut: c.bytesSent,
            sequence: counters.sequence,
        }),
        connEvent({
            ...link,
            service: c.tls !== undefined ? 'ssl' : c.http !== undefined ? 'http' : undefined,
            duration: c.duration + prng.int(0, 999_999) / 1e6,
            origBytes: c.bytesSent,
            respBytes: c.bytesReceived,
        }),
    ];
    if (c.tls !== undefined) {
        events.push(
            sslEvent({
                ...link,
                time: start + 0.01,
                serverName: c.tls.serverName,
                version: c.tls.version,
                ...(c.tls.certificate === undefined ? {} : { certificate: c.tls.certificate }),
            })
        );
    }
    (c.http ?? []).forEach((r, i) => {
        events.push(
            httpEvent({
                ...link,
                time: Math.max(start, r.time + prng.int(0, 999_999) / 1e6),
                transDepth: i + 1,
                method: r.method,
                host: r.host,
                uri: r.uri,
                ...(r.referrer === undefined ? {} : { referrer: r.referrer }),
                userAgent: r.userAgent,
                requestBodyLen: r.requestBodyLen,
                responseBodyLen: r.responseBodyLen,
                status: r.status,
                ...(r.mimeType === undefined ? {} : { mimeType: r.mimeType }),
                fuid: `F${zeekUid(prng).slice(1)}`,
            })
        );
    });
    return events;
}
