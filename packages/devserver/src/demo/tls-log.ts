/**
 * Zeek `ssl.log` records in JSON from the network sensor at the Internet edge (sourcetype `bro:ssl:json`, index
 * `zeek`), with the leaf certificate's SHA-1 (`cert_chain_fps`), subject and issuer. They feed the CIM
 * Certificates data model (`ssl_hash`, `ssl_subject_common_name`, ...).
 */
import { demoEvent, type DemoEvent } from './demo-event';
import { INFRA } from './company';

/** One TLS session. */
export interface TlsSession {
    /** Epoch seconds with a fraction. */
    readonly time: number;
    readonly uid: string;
    readonly src: string;
    readonly srcPort: number;
    readonly dest: string;
    readonly destPort: number;
    readonly serverName: string;
    readonly certSha1: string;
    readonly subjectCn: string;
    readonly issuerCn: string;
    readonly issuerOrg: string;
    readonly version: 'TLSv12' | 'TLSv13';
}

/**
 * The event for one TLS session.
 *
 * @example tlsEvent(session)._raw // '{"ts":1795860225.123456,"uid":"C...","id.orig_h":"10.10.0.5",...}'
 */
export function tlsEvent(s: TlsSession): DemoEvent {
    const subject = `CN=${s.subjectCn}`;
    const issuer = `CN=${s.issuerCn},O=${s.issuerOrg},C=US`;
    const raw = JSON.stringify({
        ts: Number(s.time.toFixed(6)),
        uid: s.uid,
        'id.orig_h': s.src,
        'id.orig_p': s.srcPort,
        'id.resp_h': s.dest,
        'id.resp_p': s.destPort,
        version: s.version,
        cipher: s.version === 'TLSv13' ? 'TLS_AES_128_GCM_SHA256' : 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
        curve: 'x25519',
        server_name: s.serverName,
        resumed: false,
        established: true,
        cert_chain_fps: [s.certSha1],
        client_cert_chain_fps: [],
        subject,
        issuer,
        validation_status: 'ok',
    });
    return demoEvent(
        Number(s.time.toFixed(6)),
        raw,
        {
            index: 'zeek',
            sourcetype: 'bro:ssl:json',
            host: INFRA.zeekSensor.hostname,
            source: '/opt/zeek/logs/current/ssl.log',
        },
        {
            src: s.src,
            src_port: s.srcPort,
            dest: s.dest,
            dest_port: s.destPort,
            transport: 'tcp',
            ssl_hash: s.certSha1,
            ssl_subject: subject,
            ssl_subject_common_name: s.subjectCn,
            ssl_issuer: issuer,
            ssl_issuer_common_name: s.issuerCn,
            ssl_issuer_organization: s.issuerOrg,
            ssl_version: s.version,
            ssl_name: s.serverName,
            vendor_product: 'Zeek',
        }
    );
}
