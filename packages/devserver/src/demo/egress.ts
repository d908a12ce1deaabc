/**
 * The events one outbound web visit leaves besides the proxy's own line: the proxy's DNS lookup, the edge
 * firewall session from the proxy to the server (source NAT to the company's public address) and the Zeek TLS
 * record. Shared by the background traffic and the story, so both look alike.
 */
import { createHash } from 'node:crypto';
import { INFRA } from './company';
import type { DemoEvent } from './demo-event';
import { dnsEvent } from './dns-log';
import { panTrafficEvent } from './firewall-log';
import type { Prng } from './prng';
import { tlsEvent } from './tls-log';

/** Running counters (session ids, sequence numbers) shared by one generation run. */
export interface Counters {
    session: number;
    sequence: number;
}

/** The generator state the event builders need. */
export interface EgressContext {
    readonly prng: Prng;
    readonly counters: Counters;
}

/** A certificate as the TLS log shows it. */
export interface CertificateView {
    readonly sha1: string;
    readonly subjectCn: string;
    readonly issuerCn: string;
    readonly issuerOrg: string;
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
        sha1: createHash('sha1').update(`demo benign certificate ${wildcard}`).digest('hex'),
        subjectCn: wildcard,
        issuerCn: 'Demo Commercial CA G2',
        issuerOrg: 'Demo Commercial Trust',
    };
}

/** The proxy's lookup of a host name (a cache miss). */
export function proxyLookup(ctx: EgressContext, time: number, host: string, answers: readonly string[]): DemoEvent {
    return dnsEvent({
        time,
        clientIp: INFRA.proxy.ip,
        clientPort: ctx.prng.int(1024, 65535),
        query: host,
        recordType: 'A',
        replyCode: 'NOERROR',
        answers,
        ttl: 300,
    });
}

/** The edge firewall's record of the proxy's connection to a server. */
export function proxyEgress(
    ctx: EgressContext,
    time: number,
    dest: string,
    destPort: number,
    bytesSent: number,
    bytesReceived: number,
    category: string,
    destLocation = 'United States'
): DemoEvent {
    const { prng, counters } = ctx;
    counters.session += prng.int(1, 40);
    counters.sequence += 1;
    return panTrafficEvent({
        time,
        src: INFRA.proxy.ip,
        dest,
        natSrc: INFRA.publicIp,
        srcPort: prng.int(32768, 60999),
        destPort,
        natSrcPort: prng.int(1024, 65535),
        rule: 'allow-proxy-egress',
        user: '',
        app: destPort === 443 ? 'ssl' : 'web-browsing',
        srcZone: 'dmz',
        destZone: 'untrust',
        transport: 'tcp',
        action: 'allow',
        bytesSent,
        bytesReceived,
        packetsSent: Math.max(3, Math.round(bytesSent / 900)),
        packetsReceived: Math.max(3, Math.round(bytesReceived / 1300)),
        elapsed: prng.int(1, 30),
        sessionId: counters.session,
        sequence: counters.sequence,
        category: category.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        srcLocation: '10.0.0.0-10.255.255.255',
        destLocation,
        endReason: 'tcp-fin',
    });
}

/** Zeek's record of the proxy's TLS session with a server. */
export function proxyTls(
    ctx: EgressContext,
    time: number,
    dest: string,
    serverName: string,
    cert: CertificateView
): DemoEvent {
    const { prng } = ctx;
    return tlsEvent({
        time: time + prng.int(0, 999_999) / 1e6,
        uid: `C${prng.hex(17)}`,
        src: INFRA.proxy.ip,
        srcPort: prng.int(32768, 60999),
        dest,
        destPort: 443,
        serverName,
        certSha1: cert.sha1,
        subjectCn: cert.subjectCn,
        issuerCn: cert.issuerCn,
        issuerOrg: cert.issuerOrg,
        version: prng.chance(0.7) ? 'TLSv13' : 'TLSv12',
    });
}
