/**
 * Zeek logs in JSON from the network sensor behind the Internet edge firewall, as the Splunk Add-on for Zeek (aka
 * Bro) reads them (index `zeek`): `conn.log` (sourcetype `bro:conn:json`), `ssl.log` (`bro:ssl:json`) and `http.log`
 * (`bro:http:json`). Records of one connection share its `uid`.
 *
 * The sensor runs with `redef X509::hash_function = sha1_hash;`, so the certificate fingerprints in `ssl.log`
 * (`cert_chain_fps`) are SHA-1, the hash threat intelligence uses. Under TLS 1.3 the certificate is encrypted and
 * `ssl.log` has no fingerprint, subject or issuer. The sensor's `x509.log` is not sent to Splunk.
 *
 * Values are JSON strings and numbers: addresses and names stand between quotes, major breakers, so `TERM()` finds
 * them.
 */
import { demoEvent, type DemoEvent } from './demo-event';
import type { Prng } from './prng';
import { INFRA } from './company';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split('');

/**
 * A Zeek connection uid (`C` and 17 base-62 characters).
 *
 * @example zeekUid(createPrng(1)) // 'C4xL0aZ...'
 */
export function zeekUid(prng: Prng): string {
    let uid = 'C';
    for (let i = 0; i < 17; i++) uid += prng.pick(BASE62);
    return uid;
}

/** The connection a record belongs to. */
export interface ZeekConnection {
    /** Epoch seconds with a fraction: the connection's first packet. */
    readonly time: number;
    readonly uid: string;
    readonly src: string;
    readonly srcPort: number;
    readonly dest: string;
    readonly destPort: number;
}

const seconds = (t: number): number => Number(t.toFixed(6));

const meta = (log: 'conn' | 'ssl' | 'http') => ({
    index: 'zeek',
    sourcetype: `bro:${log}:json`,
    host: INFRA.zeekSensor.hostname,
    source: `/opt/zeek/logs/current/${log}.log`,
});

const endpoints = (c: ZeekConnection) => ({
    ts: seconds(c.time),
    uid: c.uid,
    'id.orig_h': c.src,
    'id.orig_p': c.srcPort,
    'id.resp_h': c.dest,
    'id.resp_p': c.destPort,
});

const cimEndpoints = (c: ZeekConnection) => ({
    src: c.src,
    src_ip: c.src,
    src_port: c.srcPort,
    dest: c.dest,
    dest_ip: c.dest,
    dest_port: c.destPort,
    transport: 'tcp',
    vendor_product: 'Zeek',
});

/** One TCP connection's summary. */
export interface ConnRecord extends ZeekConnection {
    readonly service?: 'http' | 'ssl';
    readonly duration: number;
    readonly origBytes: number;
    readonly respBytes: number;
}

/**
 * The `conn.log` event of a completed TCP connection.
 *
 * @example connEvent({ time, uid, src: '10.10.0.5', srcPort: 48122, dest: '203.0.113.77', destPort: 80, service: 'http', ... })
 */
export function connEvent(c: ConnRecord): DemoEvent {
    const origPkts = Math.max(4, Math.round(c.origBytes / 900));
    const respPkts = Math.max(4, Math.round(c.respBytes / 1300));
    const raw = JSON.stringify({
        ...endpoints(c),
        proto: 'tcp',
        ...(c.service === undefined ? {} : { service: c.service }),
        duration: seconds(c.duration),
        orig_bytes: c.origBytes,
        resp_bytes: c.respBytes,
        conn_state: 'SF',
        local_orig: true,
        local_resp: false,
        missed_bytes: 0,
        history: 'ShADadFf',
        orig_pkts: origPkts,
        orig_ip_bytes: c.origBytes + origPkts * 52,
        resp_pkts: respPkts,
        resp_ip_bytes: c.respBytes + respPkts * 52,
    });
    return demoEvent(seconds(c.time), raw, meta('conn'), {
        ...cimEndpoints(c),
        app: c.service,
        duration: seconds(c.duration),
        bytes_out: c.origBytes,
        bytes_in: c.respBytes,
        bytes: c.origBytes + c.respBytes,
        packets_out: origPkts,
        packets_in: respPkts,
        packets: origPkts + respPkts,
        session_id: c.uid,
        action: 'allowed',
    });
}

/** A server certificate as a TLS 1.2 handshake shows it. */
export interface CertificateView {
    readonly sha1: string;
    readonly subjectCn: string;
    readonly issuerCn: string;
    readonly issuerOrg: string;
    /** SHA-1 of the issuing CA's certificate (the second entry of the chain). */
    readonly issuerSha1: string;
}

/** One TLS session. */
export interface SslRecord extends ZeekConnection {
    readonly serverName: string;
    readonly version: 'TLSv12' | 'TLSv13';
    /** The server certificate; only seen (and given) under TLS 1.2. */
    readonly certificate?: CertificateView;
}

/**
 * The `ssl.log` event of a TLS session.
 *
 * @example sslEvent({ ..., serverName: 'docs-share-portal.example', version: 'TLSv12', certificate })._raw
 * // '{"ts":1795860225.123456,"uid":"C...","id.orig_h":"10.10.0.5",...,"cert_chain_fps":["05005010…",…],...}'
 */
export function sslEvent(s: SslRecord): DemoEvent {
    const cert = s.version === 'TLSv12' ? s.certificate : undefined;
    const subject = cert === undefined ? undefined : `CN=${cert.subjectCn}`;
    const issuer = cert === undefined ? undefined : `CN=${cert.issuerCn},O=${cert.issuerOrg},C=US`;
    const raw = JSON.stringify({
        ...endpoints(s),
        version: s.version,
        cipher: s.version === 'TLSv13' ? 'TLS_AES_128_GCM_SHA256' : 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
        curve: 'x25519',
        server_name: s.serverName,
        resumed: false,
        established: true,
        ssl_history: s.version === 'TLSv13' ? 'CsiI' : 'CsxknGIi',
        ...(cert === undefined
            ? {}
            : {
                  cert_chain_fps: [cert.sha1, cert.issuerSha1],
                  client_cert_chain_fps: [],
                  subject,
                  issuer,
                  sni_matches_cert: true,
              }),
    });
    return demoEvent(seconds(s.time), raw, meta('ssl'), {
        ...cimEndpoints(s),
        ssl_version: s.version,
        ssl_cipher: s.version === 'TLSv13' ? 'TLS_AES_128_GCM_SHA256' : 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
        ssl_hash: cert?.sha1,
        ssl_subject: subject,
        ssl_subject_common_name: cert?.subjectCn,
        ssl_issuer: issuer,
        ssl_issuer_common_name: cert?.issuerCn,
        ssl_issuer_organization: cert?.issuerOrg,
        session_id: s.uid,
    });
}

/** One HTTP request and its response on a connection. */
export interface HttpRecord extends ZeekConnection {
    /** 1 for the first request on the connection. */
    readonly transDepth: number;
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
    /** The file id of the response body. */
    readonly fuid: string;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
    200: 'OK',
    206: 'Partial Content',
    302: 'Found',
    304: 'Not Modified',
    404: 'Not Found',
};

/**
 * The `http.log` event of a plain-HTTP request the sensor saw.
 *
 * @example httpEvent({ ..., method: 'GET', host: '203.0.113.77', uri: '/s/8f3k2?u=…', status: 302, ... })
 */
export function httpEvent(h: HttpRecord): DemoEvent {
    const body = h.responseBodyLen > 0;
    const raw = JSON.stringify({
        ...endpoints(h),
        trans_depth: h.transDepth,
        method: h.method,
        host: h.host,
        uri: h.uri,
        ...(h.referrer === undefined ? {} : { referrer: h.referrer }),
        version: '1.1',
        user_agent: h.userAgent,
        request_body_len: h.requestBodyLen,
        response_body_len: h.responseBodyLen,
        status_code: h.status,
        status_msg: STATUS_TEXT[h.status] ?? 'OK',
        tags: [],
        ...(body ? { resp_fuids: [h.fuid] } : {}),
        ...(body && h.mimeType !== undefined ? { resp_mime_types: [h.mimeType] } : {}),
    });
    const queryAt = h.uri.indexOf('?');
    return demoEvent(seconds(h.time), raw, meta('http'), {
        ...cimEndpoints(h),
        http_method: h.method,
        site: h.host,
        url: `http://${h.host}${h.destPort === 80 ? '' : `:${h.destPort}`}${h.uri}`,
        uri_path: queryAt < 0 ? h.uri : h.uri.slice(0, queryAt),
        uri_query: queryAt < 0 ? undefined : h.uri.slice(queryAt),
        http_referrer: h.referrer,
        http_user_agent: h.userAgent,
        status: h.status,
        bytes_out: h.requestBodyLen,
        bytes_in: h.responseBodyLen,
        http_content_type: h.mimeType,
        session_id: h.uid,
    });
}
