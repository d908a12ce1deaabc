/**
 * Infoblox NIOS query-and-response log lines, received over syslog (sourcetype `infoblox:dns`, index `dns`):
 *
 *     <30>Nov 28 10:23:45 dns01 named[2114]: client 10.10.0.5#53211: UDP: query: docs-share-portal.example IN A
 *     response: NOERROR + docs-share-portal.example. 300 IN A 203.0.113.77;
 *
 * Answers stand between a space and `;`, both major breakers, so `TERM(203.0.113.77)` finds them.
 */
import { demoEvent, type DemoEvent } from './demo-event';
import { syslogTime } from './time-format';
import { INFRA } from './company';

/** One query and its response. */
export interface DnsQuery {
    readonly time: number;
    readonly clientIp: string;
    readonly clientPort: number;
    readonly query: string;
    readonly recordType: string;
    readonly replyCode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
    readonly answers: readonly string[];
    readonly ttl: number;
}

/**
 * The event for one DNS query.
 *
 * @example dnsEvent({ query: 'intranet.northwind.example', recordType: 'A', answers: ['10.10.0.80'], ... })
 */
export function dnsEvent(q: DnsQuery): DemoEvent {
    const answers = q.answers.map((a) => ` ${q.query}. ${q.ttl} IN ${q.recordType} ${a};`).join('');
    const raw =
        `<30>${syslogTime(q.time)} ${INFRA.dns.hostname} named[2114]: client ${q.clientIp}#${q.clientPort}: UDP: ` +
        `query: ${q.query} IN ${q.recordType} response: ${q.replyCode} +${answers}`;
    return demoEvent(
        q.time,
        raw,
        { index: 'dns', sourcetype: 'infoblox:dns', host: INFRA.dns.hostname, source: 'udp:514' },
        {
            src: q.clientIp,
            src_port: q.clientPort,
            dest: INFRA.dns.ip,
            dest_port: 53,
            query: q.query,
            record_type: q.recordType,
            query_type: 'Query',
            message_type: 'Response',
            reply_code: q.replyCode,
            answer: q.answers.length === 0 ? undefined : q.answers.length === 1 ? q.answers[0] : q.answers,
            answer_count: q.answers.length,
            ttl: q.answers.length > 0 ? q.ttl : undefined,
            transport: 'udp',
            vendor_product: 'Infoblox NIOS',
        }
    );
}
