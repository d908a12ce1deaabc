/**
 * Blue Coat ProxySG access log lines (sourcetype `bluecoat:proxysg:access:file`, index `proxy`). The format is a
 * ProxySG ELFF custom format, space-separated with quoted free-text fields, so host names and addresses stand
 * between major breakers (Splunk's `TERM()` finds them):
 *
 *     date time time-taken c-ip cs-username cs-auth-group x-exception-id sc-filter-result "cs-categories"
 *     "cs(Referer)" sc-status s-action cs-method "rs(Content-Type)" cs-uri-scheme cs-host cs-uri-port cs-uri-path
 *     cs-uri-query cs-uri-extension "cs(User-Agent)" s-ip sc-bytes cs-bytes x-virus-id s-supplier-ip
 */
import { demoEvent, type DemoEvent } from './demo-event';
import { isoDateTime } from './time-format';
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
    /** The address the proxy connected to; undefined when it did not connect (denied, cache hit). */
    readonly supplierIp?: string;
}

const dash = (v: string | undefined): string => (v === undefined || v === '' ? '-' : v);
const quoted = (v: string | undefined): string => `"${dash(v).replace(/"/g, '%22')}"`;

function extension(path: string): string | undefined {
    const m = /\.([A-Za-z0-9]{1,5})$/.exec(path);
    return m?.[1]?.toLowerCase();
}

/** The full URL as the add-on builds it (`CONNECT` tunnels as `host:port`). */
export function proxyUrl(r: ProxyRequest): string {
    if (r.method === 'CONNECT') return `${r.host}:${r.port}`;
    const defaultPort = r.scheme === 'https' ? 443 : 80;
    const port = r.port === defaultPort ? '' : `:${r.port}`;
    return `${r.scheme}://${r.host}${port}${r.path}${r.query ?? ''}`;
}

/**
 * The event for one request.
 *
 * @example proxyEvent({ time, clientIp: '10.20.1.27', host: '203.0.113.77', path: '/s/8f3k2', ... })._raw
 * // '2026-11-28 10:23:45 312 10.20.1.27 aalvarez - - OBSERVED "Uncategorized" "-" 302 TCP_NC_MISS GET "text/html" http 203.0.113.77 80 /s/8f3k2 - - "Mozilla/5.0 ..." 10.10.0.5 512 431 - 203.0.113.77'
 */
export function proxyEvent(r: ProxyRequest): DemoEvent {
    const raw = [
        isoDateTime(r.time),
        String(r.timeTakenMs),
        r.clientIp,
        dash(r.user),
        '-',
        r.filterResult === 'DENIED' ? 'policy_denied' : '-',
        r.filterResult,
        quoted(r.category),
        quoted(r.referer),
        String(r.status),
        r.sAction,
        r.method,
        quoted(r.contentType?.replace(/ /g, '%20')),
        r.scheme,
        r.host,
        String(r.port),
        r.path,
        dash(r.query),
        dash(extension(r.path)),
        quoted(r.userAgent),
        INFRA.proxy.ip,
        String(r.scBytes),
        String(r.csBytes),
        '-',
        dash(r.supplierIp),
    ].join(' ');
    return demoEvent(
        r.time,
        raw,
        {
            index: 'proxy',
            sourcetype: 'bluecoat:proxysg:access:file',
            host: INFRA.proxy.hostname,
            source: '/var/log/bluecoat/proxy01/main.log',
        },
        {
            src: r.clientIp,
            src_ip: r.clientIp,
            user: r.user === '' ? undefined : r.user,
            dest: r.host,
            dest_port: r.port,
            dest_ip: r.supplierIp,
            url: proxyUrl(r),
            url_domain: r.host,
            uri_path: r.path,
            uri_query: r.query,
            http_method: r.method,
            status: r.status,
            action: r.filterResult === 'DENIED' ? 'blocked' : 'allowed',
            category: r.category,
            http_content_type: r.contentType,
            http_user_agent: r.userAgent,
            http_referrer: r.referer,
            bytes_in: r.csBytes,
            bytes_out: r.scBytes,
            bytes: r.csBytes + r.scBytes,
            duration: r.timeTakenMs / 1000,
            cached: r.sAction.includes('HIT') ? 'true' : 'false',
            vendor_product: 'Blue Coat ProxySG',
        }
    );
}
