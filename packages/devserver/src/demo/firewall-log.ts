/**
 * Firewall logs of two kinds:
 *
 * - the edge firewall, Palo Alto Networks PAN-OS TRAFFIC logs over syslog (sourcetype `pan:traffic`, index
 *   `firewall`): comma-separated, and the comma is a major breaker, so `TERM()` finds addresses;
 * - the internal segmentation firewall, FortiGate traffic logs (sourcetype `fortigate_traffic`, index `netfw`):
 *   `key=value` pairs, so `dstip=203.0.113.77` glues the address to its key with `=`, a minor breaker. A keyword
 *   or phrase search finds it; `TERM(203.0.113.77)` does not (this is on purpose, see demo/README.md).
 */
import { demoEvent, type DemoEvent } from './demo-event';
import { isoDateTime, panTime, syslogTime } from './time-format';
import { INFRA } from './company';

/** One PAN-OS session end (or deny). */
export interface PanSession {
    readonly time: number;
    readonly src: string;
    readonly dest: string;
    readonly natSrc: string;
    readonly srcPort: number;
    readonly destPort: number;
    readonly natSrcPort: number;
    readonly rule: string;
    readonly user: string;
    readonly app: string;
    readonly srcZone: string;
    readonly destZone: string;
    readonly transport: 'tcp' | 'udp';
    readonly action: 'allow' | 'deny' | 'drop';
    readonly bytesSent: number;
    readonly bytesReceived: number;
    readonly packetsSent: number;
    readonly packetsReceived: number;
    readonly elapsed: number;
    readonly sessionId: number;
    readonly sequence: number;
    readonly category: string;
    readonly srcLocation: string;
    readonly destLocation: string;
    readonly endReason: string;
}

/**
 * The event for one PAN-OS TRAFFIC log.
 *
 * @example panTrafficEvent(session)._raw // '<14>Nov 28 10:23:46 fw-edge01 1,2026/11/28 10:23:46,013201004718,TRAFFIC,end,...'
 */
export function panTrafficEvent(s: PanSession): DemoEvent {
    const subtype = s.action === 'allow' ? 'end' : s.action;
    const start = s.time - s.elapsed;
    const bytes = s.bytesSent + s.bytesReceived;
    const csv = [
        '1',
        panTime(s.time),
        INFRA.edgeFirewall.serial,
        'TRAFFIC',
        subtype,
        '2561',
        panTime(s.time),
        s.src,
        s.dest,
        s.natSrc,
        s.dest,
        s.rule,
        s.user,
        '',
        s.app,
        'vsys1',
        s.srcZone,
        s.destZone,
        'ethernet1/2',
        'ethernet1/1',
        'forward-to-splunk',
        panTime(s.time),
        String(s.sessionId),
        '1',
        String(s.srcPort),
        String(s.destPort),
        String(s.natSrcPort),
        String(s.destPort),
        '0x400019',
        s.transport,
        s.action,
        String(bytes),
        String(s.bytesSent),
        String(s.bytesReceived),
        String(s.packetsSent + s.packetsReceived),
        panTime(start),
        String(s.elapsed),
        s.category,
        '0',
        String(s.sequence),
        '0x0',
        s.srcLocation,
        s.destLocation,
        '0',
        String(s.packetsSent),
        String(s.packetsReceived),
        s.endReason,
    ].join(',');
    return demoEvent(
        s.time,
        `<14>${syslogTime(s.time)} ${INFRA.edgeFirewall.hostname} ${csv}`,
        { index: 'firewall', sourcetype: 'pan:traffic', host: INFRA.edgeFirewall.hostname, source: 'udp:514' },
        {
            src: s.src,
            src_ip: s.src,
            src_port: s.srcPort,
            src_translated_ip: s.natSrc,
            dest: s.dest,
            dest_ip: s.dest,
            dest_port: s.destPort,
            transport: s.transport,
            app: s.app,
            rule: s.rule,
            user: s.user === '' ? undefined : s.user,
            action: s.action === 'allow' ? 'allowed' : 'blocked',
            bytes,
            bytes_out: s.bytesSent,
            bytes_in: s.bytesReceived,
            packets: s.packetsSent + s.packetsReceived,
            duration: s.elapsed,
            session_id: String(s.sessionId),
            src_zone: s.srcZone,
            dest_zone: s.destZone,
            category: s.category,
            dvc: INFRA.edgeFirewall.hostname,
            vendor_product: 'Palo Alto Networks Firewall',
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
