/**
 * Microsoft 365 message trace records as the Splunk Add-on for Microsoft Office 365 collects them (sourcetype
 * `ms:o365:reporting:messagetrace`, index `email`): one JSON object per message and recipient. Values are
 * quoted, and `"` is a major breaker, so `TERM()` finds addresses and e-mail addresses.
 */
import { demoEvent, type DemoEvent } from './demo-event';
import { isoTime } from './time-format';
import { INFRA } from './company';

/** One message to one recipient. */
export interface MailTrace {
    readonly time: number;
    readonly messageId: string;
    readonly traceId: string;
    readonly sender: string;
    readonly recipient: string;
    readonly subject: string;
    readonly status: 'Delivered' | 'FilteredAsSpam' | 'Failed' | 'Quarantined';
    /** Sending server (inbound), or undefined for internal mail. */
    readonly fromIp?: string;
    readonly toIp?: string;
    readonly size: number;
}

const ACTIONS: Readonly<Record<MailTrace['status'], string>> = {
    Delivered: 'delivered',
    FilteredAsSpam: 'quarantined',
    Quarantined: 'quarantined',
    Failed: 'blocked',
};

/**
 * The event for one message trace record.
 *
 * @example mailTraceEvent(trace)._raw // '{"Organization":"northwind.onmicrosoft.example","MessageId":"<...>",...}'
 */
export function mailTraceEvent(m: MailTrace): DemoEvent {
    const received = isoTime(m.time).replace('Z', '');
    const raw = JSON.stringify({
        Organization: INFRA.mailTenant,
        MessageId: m.messageId,
        Received: received,
        SenderAddress: m.sender,
        RecipientAddress: m.recipient,
        Subject: m.subject,
        Status: m.status,
        ToIP: m.toIp ?? null,
        FromIP: m.fromIp ?? null,
        Size: m.size,
        MessageTraceId: m.traceId,
        StartDate: isoTime(m.time - 3600).replace('.000Z', 'Z'),
        EndDate: isoTime(m.time + 3600).replace('.000Z', 'Z'),
        Index: 0,
    });
    return demoEvent(
        m.time,
        raw,
        {
            index: 'email',
            sourcetype: 'ms:o365:reporting:messagetrace',
            host: 'splunk-hf01',
            source: 'ms_o365_message_trace://northwind',
        },
        {
            src_user: m.sender,
            sender: m.sender,
            recipient: m.recipient,
            subject: m.subject,
            src: m.fromIp,
            dest: m.toIp,
            message_id: m.messageId,
            internal_message_id: m.traceId,
            size: m.size,
            status: m.status,
            action: ACTIONS[m.status],
            vendor_product: 'Microsoft Office 365',
        }
    );
}
