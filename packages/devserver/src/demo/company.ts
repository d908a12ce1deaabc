/**
 * The demo company, Northwind: ~50 workstations and laptops with their users, the servers and network devices
 * whose logs the demo holds, and the (benign) external sites people use. Only reserved names and documentation
 * or private addresses.
 */
import { DEMO_STORY } from './demo-story';

/** A user's machine. */
export interface Workstation {
    readonly hostname: string;
    readonly ip: string;
    /** Login name (proxy `cs-username`). */
    readonly user: string;
    readonly email: string;
    readonly developer: boolean;
    readonly userAgent: string;
}

/** An external site employees visit. */
export interface Site {
    readonly host: string;
    /** A records (the first is used for the connection). */
    readonly ips: readonly string[];
    /** ProxySG (WebFilter) category. */
    readonly category: string;
    /** Typical paths (first = landing page). */
    readonly paths: readonly string[];
    /** Relative popularity. */
    readonly weight: number;
    /** HTTPS (intercepted unless `tunnel`). */
    readonly https: boolean;
    /** Not intercepted (finance, health): logged as CONNECT. */
    readonly tunnel?: boolean;
    /** Only developers use it. */
    readonly developersOnly?: boolean;
    /**
     * The TLS version the server negotiates (default TLS 1.3). Only under TLS 1.2 does the certificate cross the
     * wire in clear, so only then does the Zeek TLS log carry its fingerprint and names.
     */
    readonly tls?: 'TLSv12' | 'TLSv13';
}

/** Infrastructure addresses and names. */
export const INFRA = Object.freeze({
    proxy: { hostname: 'proxy01', ip: '10.10.0.5' },
    dns: { hostname: 'dns01', ip: '10.10.0.53' },
    domainController: { hostname: 'dc01', ip: '10.10.0.10' },
    fileServer: { hostname: 'fs01', ip: '10.10.0.20' },
    intranet: { hostname: 'intranet', ip: '10.10.0.80' },
    printer: { hostname: 'print01', ip: '10.30.0.5' },
    /** The Check Point gateway at the Internet edge: its management address and SIC name (`origin`, `originsicname`). */
    edgeFirewall: { hostname: 'fw-edge01', ip: '10.10.0.1', sicName: 'CN\\=fw-edge01,O\\=mgmt01..n7kq2d' },
    coreFirewall: { hostname: 'fgt-core01', serial: 'FGVM04TM21000417' },
    zeekSensor: { hostname: 'zeek01' },
    mailTenant: 'northwind.onmicrosoft.example',
    publicIp: DEMO_STORY.companyPublicIp,
    adDomain: 'corp.northwind.example',
});

const FIRST = ['anna', 'ben', 'carla', 'dev', 'emma', 'farid', 'grace', 'hugo', 'ines', 'jonas', 'kim', 'lena', 'marc'];
const LAST = ['alvarez', 'brooks', 'chen', 'dubois', 'eriksen', 'fischer', 'garcia', 'haddad', 'ito', 'jensen'];

const UA_WINDOWS_CHROME =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const UA_WINDOWS_EDGE =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
const UA_MAC_FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:133.0) Gecko/20100101 Firefox/133.0';

/**
 * The company's user machines: `count` of them (default 50), the last eighth developer laptops (10.20.3.0/24),
 * the others office workstations (10.20.1.0/24, then 10.20.2.0/24). Deterministic, no randomness.
 *
 * @example workstations()[0] // { hostname: 'ws-001', ip: '10.20.1.11', user: 'aalvarez', ... }
 */
export function workstations(count = 50): Workstation[] {
    const developers = Math.max(1, Math.round(count / 8));
    const out: Workstation[] = [];
    for (let i = 0; i < count; i++) {
        const first = FIRST[i % FIRST.length] ?? 'user';
        const last = LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'user';
        const suffix = i >= FIRST.length * LAST.length ? String(Math.floor(i / (FIRST.length * LAST.length))) : '';
        const user = `${first.charAt(0)}${last}${suffix}`;
        const developer = i >= count - developers;
        const n = developer ? i - (count - developers) : i;
        const ip = developer ? `10.20.3.${15 + (n % 230)}` : `10.20.${1 + Math.floor(n / 230)}.${11 + (n % 230)}`;
        out.push({
            hostname: developer ? `dev-${String(n + 1).padStart(2, '0')}` : `ws-${String(n + 1).padStart(3, '0')}`,
            ip,
            user,
            email: `${first}.${last}${suffix}@${DEMO_STORY.companyDomain}`,
            developer,
            userAgent: developer ? UA_MAC_FIREFOX : i % 3 === 0 ? UA_WINDOWS_EDGE : UA_WINDOWS_CHROME,
        });
    }
    return out;
}

/** The external sites of the benign traffic. The CDN address 198.51.100.10 is shared on purpose (see the story). */
export const SITES: readonly Site[] = Object.freeze([
    {
        host: 'outlook.office-suite.example',
        ips: ['192.0.2.50'],
        category: 'Email',
        paths: ['/mail/inbox', '/owa/service.svc', '/mail/0/compose'],
        weight: 14,
        https: true,
    },
    {
        host: 'login.office-suite.example',
        ips: ['192.0.2.51'],
        category: 'Technology/Internet',
        paths: ['/common/oauth2/v2.0/authorize', '/common/oauth2/v2.0/token'],
        weight: 6,
        https: true,
    },
    {
        host: 'www.news-portal.example',
        ips: [DEMO_STORY.sharedCdnIp, '198.51.100.11'],
        category: 'News',
        paths: ['/', '/world/index.html', '/business/markets.html', '/tech/ai-regulation.html'],
        weight: 8,
        https: true,
    },
    {
        host: 'weather-daily.example',
        ips: [DEMO_STORY.sharedCdnIp],
        category: 'News',
        paths: ['/', '/forecast/10-day', '/radar'],
        weight: 3,
        https: true,
    },
    {
        host: 'static.cdn-edge.example',
        ips: ['198.51.100.11'],
        category: 'Content Servers',
        paths: ['/js/jquery-3.7.1.min.js', '/css/site.css', '/img/logo.svg'],
        weight: 7,
        https: true,
    },
    {
        host: 'crm-cloud.example',
        ips: ['203.0.113.20'],
        category: 'Business/Economy',
        paths: ['/app/accounts', '/app/opportunities', '/api/v2/search'],
        weight: 6,
        https: true,
        tls: 'TLSv12',
    },
    {
        // One digit short of the phishing address 203.0.113.77: exact matching must keep them apart.
        host: 'hr-portal.example',
        ips: ['203.0.113.7'],
        category: 'Business/Economy',
        paths: ['/self-service/payslips', '/self-service/leave', '/api/v1/timesheets'],
        weight: 3,
        https: true,
        tls: 'TLSv12',
    },
    {
        // 198.51.100.100 begins with the shared CDN address 198.51.100.10 and is not it.
        host: 'video-meetings.example',
        ips: ['198.51.100.100'],
        category: 'Internet Telephony',
        paths: ['/j/83311027', '/api/v2/meetings/join', '/wc/signal'],
        weight: 4,
        https: true,
    },
    {
        host: 'search-engine.example',
        ips: ['203.0.113.30'],
        category: 'Search Engines/Portals',
        paths: ['/search', '/complete/search'],
        weight: 9,
        https: true,
    },
    {
        host: 'video-stream.example',
        ips: ['203.0.113.40', '203.0.113.41'],
        category: 'Audio/Video Clips',
        paths: ['/watch', '/videoplayback'],
        weight: 3,
        https: true,
    },
    {
        host: 'benefits-provider.example',
        ips: ['203.0.113.50'],
        category: 'Health',
        paths: ['/'],
        weight: 1,
        https: true,
        tunnel: true,
        tls: 'TLSv12',
    },
    {
        host: 'online-bank.example',
        ips: ['192.0.2.70'],
        category: 'Financial Services',
        paths: ['/'],
        weight: 1,
        https: true,
        tunnel: true,
    },
    {
        host: 'updates.os-vendor.example',
        ips: ['192.0.2.90'],
        category: 'Software Downloads',
        paths: ['/v11/3/windowsupdate/redir/muv4wuredir.cab', '/filestreamingservice/files/6b1f-kb5046617.psf'],
        weight: 4,
        https: false,
    },
    {
        host: 'definitions.av-vendor.example',
        ips: ['192.0.2.95'],
        category: 'Software Downloads',
        paths: ['/update/v3/engine.vdb', '/update/v3/daily.cvd'],
        weight: 3,
        https: false,
    },
    {
        host: 'www.northwind.example',
        ips: ['198.51.100.201'],
        category: 'Business/Economy',
        paths: ['/', '/about', '/img/northwind-logo.png'],
        weight: 2,
        https: true,
        tls: 'TLSv12',
    },
    {
        host: 'code-hosting.example',
        ips: ['198.51.100.60'],
        category: 'Technology/Internet',
        paths: ['/northwind/billing-service/pulls', '/northwind/infra/blob/main/README.md'],
        weight: 8,
        https: true,
        developersOnly: true,
    },
    {
        host: 'pkg-registry.example',
        ips: ['198.51.100.61'],
        category: 'Technology/Internet',
        paths: ['/typescript/-/typescript-5.9.3.tgz', '/fastify', '/@types/node'],
        weight: 5,
        https: true,
        developersOnly: true,
    },
    {
        host: 'chat-app.example',
        ips: ['198.51.100.70'],
        category: 'Chat (IM)/SMS',
        paths: ['/api/rtm.connect', '/api/conversations.history'],
        weight: 6,
        https: true,
    },
]);

/** Internal names workstations resolve (DNS background): the name and its A record. */
export const INTERNAL_NAMES: readonly (readonly [string, string])[] = Object.freeze([
    [`dc01.${INFRA.adDomain}`, INFRA.domainController.ip],
    [`fs01.${INFRA.adDomain}`, INFRA.fileServer.ip],
    [`intranet.${DEMO_STORY.companyDomain}`, INFRA.intranet.ip],
    [`print01.${INFRA.adDomain}`, INFRA.printer.ip],
    [`proxy01.${INFRA.adDomain}`, INFRA.proxy.ip],
]);

/** Senders of inbound, benign mail. */
export const MAIL_SENDERS: readonly (readonly [string, string, readonly string[]])[] = Object.freeze([
    ['newsletter@news-portal.example', '198.51.100.75', ['Morning briefing', 'Markets today', 'Weekend reads']],
    ['billing@crm-cloud.example', '203.0.113.21', ['Your invoice is available', 'Renewal reminder']],
    ['noreply@code-hosting.example', '198.51.100.62', ['[northwind/billing-service] New pull request', 'Build failed']],
    ['service@benefits-provider.example', '203.0.113.51', ['Open enrolment starts soon']],
    ['events@chat-app.example', '198.51.100.71', ['You have unread messages']],
]);

/** Internal mail subjects. */
export const INTERNAL_SUBJECTS: readonly string[] = Object.freeze([
    'Re: Q4 planning',
    'Lunch on Friday?',
    'Updated travel policy',
    'Minutes: weekly sync',
    'Re: customer escalation',
    'Printer on 2nd floor',
    'Fwd: conference invitation',
]);
