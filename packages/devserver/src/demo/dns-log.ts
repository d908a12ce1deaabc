/**
 * The Windows Server DNS debug log (`dns.log`) with packet details, as the Splunk Add-on for Microsoft Windows
 * reads it (sourcetype `MSAD:NT6:DNS`, index `dns`). The server logs the packets it exchanges with its clients: the
 * question it receives and the response it sends, each one event, a summary line and the packet's details:
 *
 *     11/28/2026 10:23:45 AM 0B34 PACKET  000001D2B1C3E170 UDP Snd 10.10.0.5       a1b2 R Q [8081   DR  NOERROR] A      (17)docs-share-portal(7)example(0)
 *     UDP response info at 000001D2B1C3E170
 *       ...
 *         ANSWER SECTION:
 *         Offset = 0x002b, RR count = 0
 *         Name      "[C00C](17)docs-share-portal(7)example(0)"
 *           TYPE   A  (1)
 *           ...
 *           DATA   203.0.113.77
 *
 * Names are written label by label, each after its length in parentheses (`(7)example(0)`): a keyword search finds
 * their labels, a phrase or `TERM()` search for `docs-share-portal.example` does not. Answers stand between spaces
 * and line ends, so `TERM(203.0.113.77)` finds them. The add-on's extractions give the CIM fields: `query` (the
 * question name with dots), `answer` (the answer section's data), `src` (the client), `dest` (the server).
 */
import { demoEvent, type DemoEvent } from './demo-event';
import { stableHex } from './stable-id';
import { windowsDnsTime } from './time-format';
import { INFRA } from './company';

/** One lookup: the client's question and the server's response. */
export interface DnsLookup {
    readonly time: number;
    readonly clientIp: string;
    readonly clientPort: number;
    readonly query: string;
    readonly recordType: 'A' | 'AAAA';
    readonly replyCode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
    readonly answers: readonly string[];
    readonly ttl: number;
    /** The server holds the zone (the company's own names); otherwise it recursed through its forwarders. */
    readonly authoritative: boolean;
}

const TYPE_CODES: Readonly<Record<DnsLookup['recordType'], number>> = { A: 1, AAAA: 28 };
const RCODES: Readonly<Record<DnsLookup['replyCode'], number>> = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 };
/** The DNS server's worker threads (the log's thread id column). */
const THREADS = ['0B34', '0C1C', '0E20', '1148'] as const;

/**
 * A name in the debug log's form: every label after its length, then `(0)`.
 *
 * @example debugLogName('docs-share-portal.example') // '(17)docs-share-portal(7)example(0)'
 */
export function debugLogName(name: string): string {
    return `${name
        .split('.')
        .map((label) => `(${label.length})${label}`)
        .join('')}(0)`;
}

/** Bytes of a name on the wire (uncompressed). */
const wireLength = (name: string): number => name.split('.').reduce((n, label) => n + label.length + 1, 1);

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** The zone whose SOA an NXDOMAIN answer carries: the company's own zone, or the name's top-level domain. */
function soaOf(q: DnsLookup): { zone: string; primary: string; admin: string; serial: number } {
    if (q.authoritative) {
        return {
            zone: INFRA.adDomain,
            primary: `${INFRA.domainController.hostname}.${INFRA.adDomain}`,
            admin: `hostmaster.${INFRA.adDomain}`,
            serial: 4417,
        };
    }
    const tld = q.query.split('.').pop() ?? 'example';
    return { zone: tld, primary: `ns1.nic.${tld}`, admin: `hostmaster.nic.${tld}`, serial: 2026112801 };
}

function flagLines(response: boolean, q: DnsLookup, flags: number): string[] {
    const bit = (mask: number): string => ((flags & mask) !== 0 ? '1' : '0');
    const rcode = response ? RCODES[q.replyCode] : 0;
    return [
        `    Flags     0x${hex4(flags)}`,
        `      QR        ${response ? '1 (RESPONSE)' : '0 (QUESTION)'}`,
        '      OPCODE    0 (QUERY)',
        `      AA        ${bit(0x0400)}`,
        '      TC        0',
        `      RD        ${bit(0x0100)}`,
        `      RA        ${bit(0x0080)}`,
        '      Z         0',
        '      CD        0',
        '      AD        0',
        `      RCODE     ${rcode} (${response ? q.replyCode : 'NOERROR'})`,
    ];
}

/** One packet (question or response) as the debug log writes it. */
function packet(q: DnsLookup, response: boolean, xid: number, packetId: string, thread: string): string {
    const qname = debugLogName(q.query);
    const questionEnd = 12 + wireLength(q.query) + 4;
    const answers = response ? q.answers : [];
    const soa = response && q.replyCode === 'NXDOMAIN' ? soaOf(q) : undefined;
    const answerBytes = answers.length * (2 + 10 + (q.recordType === 'A' ? 4 : 16));
    const soaData = soa === undefined ? 0 : wireLength(soa.primary) + wireLength(soa.admin) + 20;
    const soaBytes = soa === undefined ? 0 : wireLength(soa.zone) + 10 + soaData;
    const length = questionEnd + answerBytes + soaBytes;
    const flags =
        (response ? 0x8000 : 0) |
        (response && q.authoritative ? 0x0400 : 0) |
        0x0100 |
        (response ? 0x0080 : 0) |
        (response ? RCODES[q.replyCode] : 0);
    const shown = ((flags & 0xff) << 8) | (flags >> 8);
    const letters = [0x0400, 0x0200, 0x0100, 0x0080]
        .map((m, i) => ((flags & m) !== 0 ? 'ATDR'.charAt(i) : ' '))
        .join('');
    const summary =
        `${windowsDnsTime(q.time)} ${thread} PACKET  ${packetId} UDP ${response ? 'Snd' : 'Rcv'} ` +
        `${q.clientIp.padEnd(15)} ${hex4(xid)} ${response ? 'R' : ' '} Q ` +
        `[${hex4(shown)} ${letters} ${(response ? q.replyCode : 'NOERROR').padStart(8)}] ` +
        `${q.recordType.padEnd(6)} ${qname}`;
    const lines = [
        summary,
        `UDP ${response ? 'response' : 'question'} info at ${packetId}`,
        '  Socket = 512',
        `  Remote addr ${q.clientIp}, port ${q.clientPort}`,
        `  Time Query=${1_034_221 + (xid % 9_000)}, Queued=0, Expire=0`,
        response ? '  Buf length = 0x0200 (512)' : '  Buf length = 0x0fa0 (4000)',
        `  Msg length = 0x${hex4(length)} (${length})`,
        '  Message:',
        `    XID       0x${hex4(xid)}`,
        ...flagLines(response, q, flags),
        '    QCOUNT    1',
        `    ACOUNT    ${answers.length}`,
        `    NSCOUNT   ${soa === undefined ? 0 : 1}`,
        '    ARCOUNT   0',
        '    QUESTION SECTION:',
        '    Offset = 0x000c, RR count = 0',
        `    Name      "${qname}"`,
        `      QTYPE   ${q.recordType} (${TYPE_CODES[q.recordType]})`,
        '      QCLASS  1',
        '    ANSWER SECTION:',
        ...(answers.length === 0 ? ['      empty'] : []),
        ...answers.flatMap((answer, i) => [
            `    Offset = 0x${hex4(questionEnd + i * (answerBytes / answers.length))}, RR count = ${i}`,
            `    Name      "[C00C]${qname}"`,
            `      TYPE   ${q.recordType}  (${TYPE_CODES[q.recordType]})`,
            '      CLASS  1',
            `      TTL    ${q.ttl}`,
            `      DLEN   ${q.recordType === 'A' ? 4 : 16}`,
            `      DATA   ${answer}`,
        ]),
        '    AUTHORITY SECTION:',
        ...(soa === undefined
            ? ['      empty']
            : [
                  `    Offset = 0x${hex4(questionEnd)}, RR count = 0`,
                  `    Name      "${debugLogName(soa.zone)}"`,
                  '      TYPE   SOA  (6)',
                  '      CLASS  1',
                  '      TTL    3600',
                  `      DLEN   ${soaData}`,
                  '      DATA   ',
                  `\t\tPrimaryServer: ${debugLogName(soa.primary)}`,
                  `\t\tAdministrator: ${debugLogName(soa.admin)}`,
                  `\t\tSerialNo     = ${soa.serial}`,
                  '\t\tRefresh      = 900',
                  '\t\tRetry        = 600',
                  '\t\tExpire       = 86400',
                  '\t\tMinimumTTL   = 3600',
              ]),
        '    ADDITIONAL SECTION:',
        '      empty',
    ];
    return lines.join('\n');
}

/**
 * The two events of one lookup: the question received from the client and the response sent back.
 *
 * @example dnsLookupEvents({ query: 'intranet.northwind.example', recordType: 'A', answers: ['10.10.0.80'], ... }).length // 2
 */
export function dnsLookupEvents(q: DnsLookup): DemoEvent[] {
    const id = stableHex(`${q.time} ${q.clientIp}#${q.clientPort} ${q.query}`, 16);
    const xid = parseInt(id.slice(0, 4), 16);
    const packetId = `000001D2${id.slice(4, 12).toUpperCase()}`;
    const thread = THREADS[parseInt(id.slice(12, 14), 16) % THREADS.length] ?? '0B34';
    const meta = {
        index: 'dns',
        sourcetype: 'MSAD:NT6:DNS',
        host: INFRA.dns.hostname,
        source: 'C:\\Windows\\System32\\dns\\dns.log',
    };
    const common = {
        src: q.clientIp,
        src_ip: q.clientIp,
        src_port: q.clientPort,
        dest: INFRA.dns.ip,
        dest_ip: INFRA.dns.ip,
        dest_port: 53,
        query: q.query,
        query_count: 1,
        record_type: q.recordType,
        query_type: 'Query',
        transaction_id: hex4(xid),
        transport: 'udp',
        dvc: INFRA.dns.hostname,
        vendor_product: 'Microsoft DNS',
    };
    const answered = q.answers.length > 0;
    return [
        demoEvent(q.time, packet(q, false, xid, packetId, thread), meta, {
            ...common,
            message_type: 'Query',
        }),
        demoEvent(q.time, packet(q, true, xid, packetId, thread), meta, {
            ...common,
            message_type: 'Response',
            reply_code: q.replyCode,
            reply_code_id: RCODES[q.replyCode],
            answer: !answered ? undefined : q.answers.length === 1 ? q.answers[0] : q.answers,
            answer_count: q.answers.length,
            ttl: answered ? q.ttl : undefined,
        }),
    ];
}
