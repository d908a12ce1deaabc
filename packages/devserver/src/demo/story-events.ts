/**
 * The story's local events (see demo-story.ts and demo/README.md). Twenty hours before "now", six employees get
 * a "mailbox almost full" e-mail from it-helpdesk@mailbox-quota-alert.test whose link points at the bare IP
 * 203.0.113.77. Three click it:
 *
 * - victim 1 (12 minutes later) is redirected to docs-share-portal.example on the same IP, enters credentials
 *   (POST /owa/auth.owa), and the page sends them on to collect.exfil-drop.test;
 * - victim 2 (31 minutes later) loads the login page but does not submit;
 * - victim 3 (2 h later) is redirected, but the proxy has since categorised the site as Phishing and denies it.
 *
 * A developer then tries the IP directly with curl; the core firewall denies it. Five hours in, the proxy denies a
 * late retry of victim 1's browser. The proxy's requests to the IOC address also pass the edge gateway and the Zeek
 * sensor, and its look-ups of the sibling sites the DNS server. The phishing domain the threat report names,
 * login-secure-update.example, appears in none of these events.
 */
import type { Workstation } from './company';
import type { DemoEvent } from './demo-event';
import { DEMO_STORY } from './demo-story';
import {
    caFingerprint,
    proxyConnection,
    proxyLookup,
    type CertificateView,
    type EgressContext,
    type UpstreamConnection,
} from './egress';
import { mailTraceEvent } from './email-log';
import { fortiTrafficEvent } from './firewall-log';
import { proxyEvent, type ProxyRequest } from './proxy-log';

/** The certificate 203.0.113.77 presents over TLS 1.2 (the PassiveTotal demo fixtures hold its details). */
const SHARED_CERTIFICATE: CertificateView = {
    sha1: DEMO_STORY.sharedCertificateSha1,
    subjectCn: DEMO_STORY.visitedSibling,
    issuerCn: 'Demo Free TLS CA R3',
    issuerOrg: 'Demo Trust Services',
    issuerSha1: caFingerprint('Demo Free TLS CA R3'),
};

const EXFIL_HOST = 'collect.exfil-drop.test';
const EXFIL_IP = '192.0.2.233';
const LURE_QUERY = '?u=bm9ydGh3aW5k&t=mbx98';
const LOGON_QUERY = '?replaceCurrent=1&url=https%3a%2f%2fdocs-share-portal.example%2fowa%2f';

/** Who is who in the story: indexes into the host list (at least 50 hosts). */
export const STORY_CAST = Object.freeze({
    recipients: [16, 30, 43, 5, 22, 9],
    /** Gets the message filtered as spam. */
    filtered: 9,
    victimSubmits: 16,
    victimLooks: 43,
    victimBlocked: 30,
});

/** Seconds after the story's start. */
export const STORY_OFFSETS = Object.freeze({
    mail: 0,
    victimSubmits: 12 * 60 + 17,
    victimLooks: 31 * 60 + 44,
    victimBlocked: 2 * 3600 + 5 * 60 + 9,
    developerCurl: 2 * 3600 + 40 * 60 + 52,
    lateRetry: 5 * 3600 + 17 * 60 + 31,
});

function host(hosts: readonly Workstation[], i: number): Workstation {
    const h = hosts[i];
    if (!h) throw new RangeError(`the story needs at least ${i + 1} hosts`);
    return h;
}

function request(
    ws: Workstation,
    time: number,
    fields: Partial<ProxyRequest> & Pick<ProxyRequest, 'host' | 'path'>
): ProxyRequest {
    return {
        time,
        timeTakenMs: 180,
        clientIp: ws.ip,
        user: ws.user,
        userAgent: ws.userAgent,
        filterResult: 'OBSERVED',
        category: 'Uncategorized',
        status: 200,
        sAction: 'TCP_NC_MISS',
        method: 'GET',
        contentType: 'text/html; charset=utf-8',
        scheme: 'https',
        port: 443,
        scBytes: 2_400,
        csBytes: 610,
        supplierIp: DEMO_STORY.iocIp,
        ...fields,
    };
}

/** The lure click: `GET http://203.0.113.77/s/8f3k2?...` answered with a redirect to the sibling site. */
function lureClick(ctx: EgressContext, ws: Workstation, t: number): DemoEvent[] {
    const click = request(ws, t, {
        host: DEMO_STORY.iocIp,
        path: DEMO_STORY.lurePath,
        query: LURE_QUERY,
        scheme: 'http',
        port: 80,
        status: 302,
        timeTakenMs: 241,
        scBytes: 512,
        csBytes: 431,
    });
    return [
        proxyEvent(click),
        ...proxyConnection(ctx, {
            time: t,
            dest: DEMO_STORY.iocIp,
            destPort: 80,
            duration: 1,
            bytesSent: 1_120,
            bytesReceived: 1_604,
            http: [
                {
                    time: t,
                    method: 'GET',
                    host: DEMO_STORY.iocIp,
                    uri: `${DEMO_STORY.lurePath}${LURE_QUERY}`,
                    userAgent: ws.userAgent,
                    requestBodyLen: 0,
                    responseBodyLen: 162,
                    status: 302,
                    mimeType: 'text/html',
                },
            ],
        }),
    ];
}

/** The proxy's TLS connection to the IOC address that carried a victim's requests to the sibling site. */
function siblingConnection(t: number, duration: number, bytesSent: number, bytesReceived: number): UpstreamConnection {
    return {
        time: t,
        dest: DEMO_STORY.iocIp,
        destPort: 443,
        duration,
        bytesSent,
        bytesReceived,
        tls: { serverName: DEMO_STORY.visitedSibling, version: 'TLSv12', certificate: SHARED_CERTIFICATE },
    };
}

/**
 * The first steps of every victim who reached the sibling site: the lure click, the proxy's look-up of the sibling
 * site, the logon page and its icon (with the logon page as referer when `iconReferer`).
 */
function landOnLogonPage(ctx: EgressContext, ws: Workstation, t: number, iconReferer: boolean): DemoEvent[] {
    const site = DEMO_STORY.visitedSibling;
    return [
        ...lureClick(ctx, ws, t),
        ...proxyLookup(ctx, t + 1, site, [DEMO_STORY.iocIp]),
        proxyEvent(
            request(ws, t + 1, {
                host: site,
                path: '/owa/auth/logon.aspx',
                query: LOGON_QUERY,
                referer: `http://${DEMO_STORY.iocIp}${DEMO_STORY.lurePath}${LURE_QUERY}`,
                scBytes: 24_817,
            })
        ),
        proxyEvent(
            request(ws, t + 2, {
                host: site,
                path: '/owa/auth/15.2.1118/themes/resources/favicon.ico',
                ...(iconReferer ? { referer: `https://${site}/owa/auth/logon.aspx${LOGON_QUERY}` } : {}),
                contentType: 'image/x-icon',
                scBytes: 7_886,
            })
        ),
    ];
}

function victimSubmits(ctx: EgressContext, ws: Workstation, t: number): DemoEvent[] {
    const site = DEMO_STORY.visitedSibling;
    const logon = `https://${site}/owa/auth/logon.aspx${LOGON_QUERY}`;
    return [
        ...landOnLogonPage(ctx, ws, t, true),
        // The kit's script library comes from a public CDN the proxy has cached.
        proxyEvent(
            request(ws, t + 2, {
                host: 'static.cdn-edge.example',
                path: '/js/jquery-3.7.1.min.js',
                referer: logon,
                category: 'Content Servers',
                contentType: 'application/javascript',
                sAction: 'TCP_HIT',
                timeTakenMs: 3,
                scBytes: 87_533,
                supplierIp: undefined,
            })
        ),
        proxyEvent(
            request(ws, t + 74, {
                host: site,
                path: '/owa/auth.owa',
                method: 'POST',
                status: 302,
                referer: logon,
                contentType: 'text/html',
                scBytes: 689,
                csBytes: 1_480,
            })
        ),
        ...proxyLookup(ctx, t + 74, EXFIL_HOST, [EXFIL_IP]),
        proxyEvent(
            request(ws, t + 75, {
                host: EXFIL_HOST,
                path: '/api/c',
                method: 'POST',
                referer: logon,
                contentType: 'application/json',
                scBytes: 96,
                csBytes: 1_214,
                supplierIp: EXFIL_IP,
            })
        ),
        proxyEvent(
            request(ws, t + 75, {
                host: site,
                path: '/owa/auth/errorFE.aspx',
                query: '?httpCode=500',
                referer: logon,
                scBytes: 3_902,
            })
        ),
        ...proxyConnection(ctx, siblingConnection(t + 1, 79, 9_841, 41_077)),
        ...proxyConnection(ctx, {
            time: t + 75,
            dest: EXFIL_IP,
            destPort: 443,
            duration: 5,
            bytesSent: 2_417,
            bytesReceived: 1_006,
            tls: { serverName: EXFIL_HOST, version: 'TLSv13' },
        }),
    ];
}

function victimLooks(ctx: EgressContext, ws: Workstation, t: number): DemoEvent[] {
    return [
        ...landOnLogonPage(ctx, ws, t, false),
        ...proxyConnection(ctx, siblingConnection(t + 1, 39, 3_310, 33_602)),
    ];
}

function victimBlocked(ctx: EgressContext, ws: Workstation, t: number): DemoEvent[] {
    const denied: Omit<ProxyRequest, 'time' | 'host' | 'path'> = {
        ...request(ws, t, { host: '', path: '' }),
        filterResult: 'DENIED',
        category: 'Phishing',
        status: 403,
        sAction: 'TCP_DENIED',
        timeTakenMs: 2,
        scBytes: 1_874,
        csBytes: 598,
        supplierIp: undefined,
    };
    return [
        ...lureClick(ctx, ws, t),
        proxyEvent({
            ...denied,
            time: t + 1,
            host: DEMO_STORY.visitedSibling,
            path: '/owa/auth/logon.aspx',
            query: LOGON_QUERY,
            referer: `http://${DEMO_STORY.iocIp}${DEMO_STORY.lurePath}${LURE_QUERY}`,
        }),
    ];
}

function developerCurl(ctx: EgressContext, ws: Workstation, t: number): DemoEvent[] {
    const { prng, counters } = ctx;
    const srcPort = prng.int(49152, 65535);
    return [0, 3].map((retry) => {
        counters.session += 1;
        return fortiTrafficEvent({
            time: t + retry,
            src: ws.ip,
            srcPort,
            dest: DEMO_STORY.iocIp,
            destPort: 443,
            transport: 'tcp',
            action: 'deny',
            service: 'HTTPS',
            policyId: 0,
            dstIntf: 'port1',
            dstCountry: 'Netherlands',
            sentBytes: 0,
            receivedBytes: 0,
            duration: 0,
            sessionId: counters.session,
        });
    });
}

function lateRetry(ws: Workstation, t: number): DemoEvent {
    return proxyEvent({
        ...request(ws, t, { host: DEMO_STORY.iocIp, path: '/favicon.ico' }),
        scheme: 'http',
        port: 80,
        filterResult: 'DENIED',
        category: 'Phishing',
        status: 403,
        sAction: 'TCP_DENIED',
        contentType: 'text/html',
        timeTakenMs: 1,
        scBytes: 1_874,
        csBytes: 402,
        supplierIp: undefined,
    });
}

function phishingMail(ctx: EgressContext, hosts: readonly Workstation[], t: number): DemoEvent[] {
    const { prng } = ctx;
    const messageId = `<${prng.hex(20)}@${DEMO_STORY.senderDomain}>`;
    return STORY_CAST.recipients.map((i, n) =>
        mailTraceEvent({
            time: t + n * 37,
            messageId,
            traceId: `${prng.hex(8)}-${prng.hex(4)}-${prng.hex(4)}-${prng.hex(4)}-${prng.hex(12)}`,
            sender: DEMO_STORY.senderAddress,
            recipient: host(hosts, i).email,
            subject: 'Action required: your mailbox is 98% full',
            status: i === STORY_CAST.filtered ? 'FilteredAsSpam' : 'Delivered',
            fromIp: DEMO_STORY.senderIp,
            size: 28_741,
        })
    );
}

/**
 * The story's events, starting at `start` (epoch seconds); events later than `end` are left out.
 *
 * @example storyEvents(ctx, workstations(), now - 30 * 3600, now).length // 35 or so
 */
export function storyEvents(
    ctx: EgressContext,
    hosts: readonly Workstation[],
    start: number,
    end: number
): DemoEvent[] {
    const developer = hosts.find((h) => h.developer) ?? host(hosts, 0);
    const events = [
        ...phishingMail(ctx, hosts, start + STORY_OFFSETS.mail),
        ...victimSubmits(ctx, host(hosts, STORY_CAST.victimSubmits), start + STORY_OFFSETS.victimSubmits),
        ...victimLooks(ctx, host(hosts, STORY_CAST.victimLooks), start + STORY_OFFSETS.victimLooks),
        ...victimBlocked(ctx, host(hosts, STORY_CAST.victimBlocked), start + STORY_OFFSETS.victimBlocked),
        ...developerCurl(ctx, developer, start + STORY_OFFSETS.developerCurl),
        lateRetry(host(hosts, STORY_CAST.victimSubmits), start + STORY_OFFSETS.lateRetry),
    ];
    return events.filter((e) => e._time < end);
}
