/**
 * Blue Coat (Symantec) ProxySG access logs in the key=value format the Splunk Add-on for Symantec Blue Coat
 * ProxySG reads (sourcetype `bluecoat:proxysg:access:kv`, index `proxy`): the appliance's "splunk_format" custom
 * access log, sent over syslog with an RFC 5424 header, abridged to the fields the demo needs:
 *
 *     <111>1 2026-11-28T10:23:45.000Z proxy01 bluecoat - splunk_format - c-ip=10.20.1.27 Content-Type="text/html"
 *     cs-auth-group=- cs-bytes=431 cs-categories="Uncategorized" cs-host=203.0.113.77 ... s-supplier-ip=203.0.113.77
 *     ... c-url="http://203.0.113.77/s/8f3k2?u=bm9ydGh3aW5k&t=mbx98" cs-Referer="-"
 *
 * Every address and name sits behind `key=` (or inside a quoted URL), joined to the key by `=`, a minor breaker:
 * a keyword or phrase search finds `203.0.113.77` there, `TERM(203.0.113.77)` does not.
 */
import { demoEvent, type DemoEvent } from './demo-event';
import { stableHex } from './stable-id';
import { isoTime } from './time-format';
import { INFRA } from './company';

/** One proxied request. */
export interface ProxyRequest {
    readonly time: number;
    readonly timeTakenMs: number;
    readonly clientIp: string;
    readonly user: string;
    readonly userAgent: string;
    readonly filterResult: 'OBSERVED' | 'PROXIED' | 'DENIED';
    readonly category: string;
    readonly referer?: string;
    readonly status: number;
    readonly sAction: string;
    readonly method: string;
    readonly contentType?: string;
    readonly scheme: 'http' | 'https' | 'tcp';
    readonly host: string;
    readonly port: number;
    readonly path: string;
    /** With the leading `?`. */
    readonly query?: string;
    readonly scBytes: number;
    readonly csBytes: number;
    /** The address the proxy connected to; undefined when it did not connect (denied, cache hit, no address). */
    readonly supplierIp?: string;
    /** `x-exception-id` when the proxy answered itself (default: `policy_denied` when denied, else none). */
    readonly exceptionId?: string;
}

const dash = (v: string | undefined): string => (v === undefined || v === '' ? '-' : v);
const quoted = (v: string | undefined): string => `"${dash(v).replace(/"/g, '%22')}"`;

function extension(path: string): string | undefined {
    const m = /\.([A-Za-z0-9]{1,5})$/.exec(path);
    return m?.[1]?.toLowerCase();
}

/**
 * The full URL as ProxySG writes it in `c-url` (and the add-on in `url`): `tcp://host:port/` for a CONNECT tunnel.
 *
 * @example proxyUrl({ scheme: 'http', host: '203.0.113.77', port: 80, path: '/s/8f3k2', ... }) // 'http://203.0.113.77/s/8f3k2'
 */
export function proxyUrl(r: Pick<ProxyRequest, 'scheme' | 'host' | 'port' | 'path' | 'query' | 'method'>): string {
    if (r.method === 'CONNECT') return `tcp://${r.host}:${r.port}/`;
    const defaultPort = r.scheme === 'https' ? 443 : 80;
    const port = r.port === defaultPort ? '' : `:${r.port}`;
    return `${r.scheme}://${r.host}${port}${r.path}${r.query ?? ''}`;
}

/**
 * The event for one request.
 *
 * @example proxyEvent({ time, clientIp: '10.20.1.27', host: '203.0.113.77', path: '/s/8f3k2', ... })._raw
 * // '<111>1 2026-11-28T10:23:45.000Z proxy01 bluecoat - splunk_format - c-ip=10.20.1.27 ... cs-host=203.0.113.77 ...'
 */
export function proxyEvent(r: ProxyRequest): DemoEvent {
    const url = proxyUrl(r);
    const denied = r.filterResult === 'DENIED';
    const exception = r.exceptionId ?? (denied ? 'policy_denied' : undefined);
    const upstream = r.supplierIp !== undefined;
    const transaction = stableHex(`${r.time} ${r.clientIp} ${r.method} ${url}`, 48);
    const pairs: (readonly [string, string])[] = [
        ['c-ip', r.clientIp],
        ['Content-Type', quoted(r.contentType)],
        ['cs-auth-group', '-'],
        ['cs-bytes', String(r.csBytes)],
        ['cs-categories', quoted(r.category)],
        ['cs-host', r.host],
        ['cs-ip', INFRA.proxy.ip],
        ['cs-method', r.method],
        ['cs-uri-extension', dash(extension(r.path))],
        ['cs-uri-path', r.path],
        ['cs-uri-port', String(r.port)],
        ['cs-uri-query', quoted(r.query)],
        ['cs-uri-scheme', r.scheme],
        ['cs-User-Agent', quoted(r.userAgent)],
        ['cs-username', dash(r.user)],
        ['dnslookup-time', '0'],
        ['duration', String(Math.floor(r.timeTakenMs / 1000))],
        ['rs-status', upstream ? String(r.status) : '0'],
        ['rs-version', upstream ? 'HTTP/1.1' : '-'],
        ['s-action', r.sAction],
        ['s-ip', INFRA.proxy.ip],
        ['s-supplier-ip', dash(r.supplierIp)],
        ['s-supplier-name', upstream ? r.host : '-'],
        ['sc-bytes', String(r.scBytes)],
        ['sc-filter-result', r.filterResult],
        ['sc-status', String(r.status)],
        ['time-taken', String(r.timeTakenMs)],
        ['x-bluecoat-appliance-name', quoted(INFRA.proxy.hostname)],
        ['x-bluecoat-proxy-primary-address', INFRA.proxy.ip],
        [
            'x-bluecoat-transaction-uuid',
            `${transaction.slice(0, 16)}-${transaction.slice(16, 32)}-${transaction.slice(32)}`,
        ],
        ['x-exception-id', dash(exception)],
        ['x-virus-id', '-'],
        ['c-url', quoted(url)],
        ['cs-Referer', quoted(r.referer)],
    ];
    const raw =
        `<111>1 ${isoTime(Math.floor(r.time))} ${INFRA.proxy.hostname} bluecoat - splunk_format - ` +
        pairs.map(([k, v]) => `${k}=${v}`).join(' ');
    return demoEvent(
        r.time,
        raw,
        {
            index: 'proxy',
            sourcetype: 'bluecoat:proxysg:access:kv',
            host: INFRA.proxy.hostname,
            source: 'tcp:601',
        },
        {
            src: r.clientIp,
            src_ip: r.clientIp,
            user: r.user === '' ? undefined : r.user,
            dest: r.host,
            dest_port: r.port,
            dest_ip: r.supplierIp,
            url,
            url_domain: r.host,
            uri_path: r.path,
            uri_query: r.query,
            http_method: r.method,
            status: r.status,
            action: denied ? 'blocked' : 'allowed',
            category: r.category,
            http_content_type: r.contentType,
            http_user_agent: r.userAgent,
            http_referrer: r.referer,
            bytes_in: r.csBytes,
            bytes_out: r.scBytes,
            bytes: r.csBytes + r.scBytes,
            response_time: r.timeTakenMs,
            duration: r.timeTakenMs / 1000,
            cached: r.sAction.includes('HIT') ? 'true' : 'false',
            error_code: exception,
            vendor_product: 'Blue Coat ProxySG',
        }
    );
}
