/**
 * Firewall logs of two kinds:
 *
 * - the edge firewall, a Check Point gateway whose Log Exporter sends CEF over syslog (`cp_log_export ... format
 *   cef`), indexed through Splunk's CEF path (sourcetype `cef`, index `firewall`):
 *   `CEF:0|Check Point|VPN-1 & FireWall-1|Check Point|Log|https|Unknown|act=Accept ... dst=203.0.113.77 ... src=10.10.0.5`;
 * - the internal segmentation firewall, FortiGate traffic logs (sourcetype `fortigate_traffic`, index `netfw`):
 *   `key=value` pairs, `dstip=203.0.113.77`.
 *
 * In both, an address is glued to its key by `=`, a minor breaker: a keyword or phrase search finds it,
 * `TERM(203.0.113.77)` does not.
 */
import { demoEvent, type DemoEvent } from './demo-event';
import { stableUuid } from './stable-id';
import { isoDateTime, syslogTime } from './time-format';
import { INFRA } from './company';

/** The gateway's access rules the demo traffic meets: rule number and name. */
export const EDGE_RULES = Object.freeze({
    proxyEgress: { number: 4, name: 'allow-proxy-egress' },
    cleanup: { number: 12, name: 'Cleanup rule' },
});

/** Check Point service objects by port (`service_id`, also the CEF event name). */
const SERVICES: Readonly<Record<number, string>> = {
    22: 'ssh',
    23: 'telnet',
    80: 'http',
    443: 'https',
    445: 'microsoft-ds',
    3389: 'Remote_Desktop_Protocol',
    5900: 'VNC',
    8080: 'http_proxy',
};

/** One connection the edge gateway logged. */
export interface EdgeSession {
    readonly time: number;
    readonly src: string;
    readonly srcPort: number;
    readonly dest: string;
    readonly destPort: number;
    readonly transport: 'tcp' | 'udp';
    readonly action: 'Accept' | 'Drop';
    readonly rule: { readonly number: number; readonly name: string };
    /** `outbound` from the company to the Internet, `inbound` from the Internet. */
    readonly direction: 'outbound' | 'inbound';
    /** Hide-NAT source (outbound connections). */
    readonly natSrc?: string;
    readonly natSrcPort?: number;
    /** Bytes from the server (CEF `in`) and to it (`out`), from the gateway's accounting. */
    readonly bytesIn?: number;
    readonly bytesOut?: number;
    /** The log's sequence number, and the connection's part of the log unification id. */
    readonly sequence: number;
}

/**
 * The event for one edge connection (CEF over syslog).
 *
 * @example edgeEvent(session)._raw // '<134>Nov 28 10:23:46 fw-edge01 CEF:0|Check Point|VPN-1 & FireWall-1|Check Point|Log|http|Unknown|act=Accept ...'
 */
export function edgeEvent(s: EdgeSession): DemoEvent {
    const service = SERVICES[s.destPort] ?? `${s.transport}_${s.destPort}`;
    const outbound = s.direction === 'outbound';
    const inzone = outbound ? 'Internal' : 'External';
    const outzone = outbound ? 'External' : 'Local';
    const seconds = Math.floor(s.time);
    const loguid = `{0x${seconds.toString(16)},0x${(s.sequence % 4096).toString(16)},0x100a0a0a,0xc0000001}`;
    const extension = [
        `act=${s.action}`,
        `deviceDirection=${outbound ? 1 : 0}`,
        `rt=${seconds}000`,
        `spt=${s.srcPort}`,
        `dpt=${s.destPort}`,
        'cs2Label=Rule Name',
        `cs2=${s.rule.name}`,
        'layer_name=Network',
        `layer_uuid=${stableUuid('layer Network')}`,
        `match_id=${s.rule.number}`,
        'parent_rule=0',
        `rule_action=${s.action}`,
        `rule_uid=${stableUuid(`rule ${s.rule.name}`)}`,
        `ifname=${outbound ? 'eth1' : 'eth0'}`,
        'logid=0',
        `loguid=${loguid}`,
        `origin=${INFRA.edgeFirewall.ip}`,
        `originsicname=${INFRA.edgeFirewall.sicName}`,
        `sequencenum=${s.sequence}`,
        'version=5',
        `dst=${s.dest}`,
        ...(s.bytesIn === undefined ? [] : [`in=${s.bytesIn}`]),
        `inzone=${inzone}`,
        ...(s.bytesOut === undefined ? [] : [`out=${s.bytesOut}`]),
        `outzone=${outzone}`,
        'product=VPN-1 & FireWall-1',
        `proto=${s.transport === 'tcp' ? 6 : 17}`,
        `service_id=${service}`,
        ...(s.natSrc === undefined
            ? []
            : [`sourceTranslatedAddress=${s.natSrc}`, `sourceTranslatedPort=${s.natSrcPort ?? 0}`]),
        `src=${s.src}`,
    ].join(' ');
    const raw =
        `<134>${syslogTime(s.time)} ${INFRA.edgeFirewall.hostname} ` +
        `CEF:0|Check Point|VPN-1 & FireWall-1|Check Point|Log|${service}|Unknown|${extension}`;
    const bytes = (s.bytesIn ?? 0) + (s.bytesOut ?? 0);
    return demoEvent(
        s.time,
        raw,
        { index: 'firewall', sourcetype: 'cef', host: INFRA.edgeFirewall.hostname, source: 'udp:514' },
        {
            src: s.src,
            src_ip: s.src,
            src_port: s.srcPort,
            src_translated_ip: s.natSrc,
            src_translated_port: s.natSrcPort,
            dest: s.dest,
            dest_ip: s.dest,
            dest_port: s.destPort,
            transport: s.transport,
            app: service,
            rule: s.rule.name,
            rule_id: String(s.rule.number),
            action: s.action === 'Accept' ? 'allowed' : 'blocked',
            direction: s.direction,
            src_zone: inzone,
            dest_zone: outzone,
            bytes_in: s.bytesIn,
            bytes_out: s.bytesOut,
            bytes: s.bytesIn === undefined && s.bytesOut === undefined ? undefined : bytes,
            session_id: loguid,
            dvc: INFRA.edgeFirewall.hostname,
            dvc_ip: INFRA.edgeFirewall.ip,
            vendor_product: 'Check Point VPN-1 & FireWall-1',
        }
    );
}

/** One FortiGate forward-traffic log. */
export interface FortiSession {
    readonly time: number;
    readonly src: string;
    readonly srcPort: number;
    readonly dest: string;
    readonly destPort: number;
    readonly transport: 'tcp' | 'udp';
    readonly action: 'accept' | 'close' | 'deny';
    readonly service: string;
    readonly policyId: number;
    readonly dstIntf: string;
    readonly dstCountry: string;
    readonly sentBytes: number;
    readonly receivedBytes: number;
    readonly duration: number;
    readonly sessionId: number;
}

/**
 * The event for one FortiGate traffic log (`key=value`).
 *
 * @example fortiTrafficEvent(session)._raw // 'date=2026-11-28 time=10:23:45 devname="fgt-core01" ... srcip=10.20.3.15 ... dstip=203.0.113.77 ...'
 */
export function fortiTrafficEvent(s: FortiSession): DemoEvent {
    const [date, time] = isoDateTime(s.time).split(' ');
    const proto = s.transport === 'tcp' ? 6 : 17;
    const raw = [
        `date=${date ?? ''}`,
        `time=${time ?? ''}`,
        `devname="${INFRA.coreFirewall.hostname}"`,
        `devid="${INFRA.coreFirewall.serial}"`,
        `eventtime=${Math.round(s.time)}000000000`,
        'tz="+0000"',
        'logid="0000000013"',
        'type="traffic"',
        'subtype="forward"',
        'level="notice"',
        'vd="root"',
        `srcip=${s.src}`,
        `srcport=${s.srcPort}`,
        'srcintf="port2"',
        'srcintfrole="lan"',
        `dstip=${s.dest}`,
        `dstport=${s.destPort}`,
        `dstintf="${s.dstIntf}"`,
        `dstintfrole="${s.dstIntf === 'port1' ? 'wan' : 'lan'}"`,
        'srccountry="Reserved"',
        `dstcountry="${s.dstCountry}"`,
        `sessionid=${s.sessionId}`,
        `proto=${proto}`,
        `action="${s.action}"`,
        `policyid=${s.policyId}`,
        'policytype="policy"',
        `service="${s.service}"`,
        'trandisp="noop"',
        `duration=${s.duration}`,
        `sentbyte=${s.sentBytes}`,
        `rcvdbyte=${s.receivedBytes}`,
    ].join(' ');
    return demoEvent(
        s.time,
        raw,
        { index: 'netfw', sourcetype: 'fortigate_traffic', host: INFRA.coreFirewall.hostname, source: 'udp:514' },
        {
            src: s.src,
            src_ip: s.src,
            src_port: s.srcPort,
            dest: s.dest,
            dest_ip: s.dest,
            dest_port: s.destPort,
            transport: s.transport,
            action: s.action === 'deny' ? 'blocked' : 'allowed',
            app: s.service,
            rule: String(s.policyId),
            bytes: s.sentBytes + s.receivedBytes,
            bytes_out: s.sentBytes,
            bytes_in: s.receivedBytes,
            duration: s.duration,
            session_id: String(s.sessionId),
            dvc: INFRA.coreFirewall.hostname,
            vendor_product: 'Fortinet FortiGate',
        }
    );
}
