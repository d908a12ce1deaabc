/**
 * abuse.ch ThreatFox `search_ioc` answers (`{query_status: 'ok', data: [IOC...]}`, or `{query_status: 'no_result',
 * data: 'No results found.'}`) into one reputation entry per IOC.
 */
import { parseApiDate } from '../../../model/dates';
import type { RecordPage, ReputationEntry } from '../../../model/intel-model';
import { fail, ok, type Result } from '../../../result';
import {
    asArray,
    asNumber,
    asObject,
    asText,
    asTextList,
    defined,
    type JsonObject,
} from '../../passivetotal/json-reader';
import type { UpstreamReport } from '../common';
import { distinct } from '../common';

const PROVIDER = 'threatfox';

/** IOCs reported with at least this confidence (0–100) are `malicious`; below it `suspicious`. */
export const THREATFOX_MALICIOUS_CONFIDENCE = 50;

function entry(ioc: JsonObject): ReputationEntry {
    const confidence = asNumber(ioc['confidence_level']);
    const id = asText(ioc['id']);
    return defined({
        provider: PROVIDER,
        verdict: confidence === undefined || confidence >= THREATFOX_MALICIOUS_CONFIDENCE ? 'malicious' : 'suspicious',
        threat: asText(ioc['threat_type']) ?? asText(ioc['threat_type_desc']),
        malware: asText(ioc['malware_printable']) ?? asText(ioc['malware']),
        tags: distinct(asTextList(ioc['tags'])),
        firstSeen: parseApiDate(ioc['first_seen']),
        lastSeen: parseApiDate(ioc['last_seen']),
        reference:
            id === undefined ? asText(ioc['reference']) : `https://threatfox.abuse.ch/ioc/${encodeURIComponent(id)}/`,
    });
}

/**
 * A ThreatFox answer as one reputation entry per IOC: `threat` the threat type (`botnet_cc`), `malware` the family
 * (`Cobalt Strike`), the IOC's tags and first/last seen, and its ThreatFox page as `reference`. The verdict is
 * `malicious` from {@link THREATFOX_MALICIOUS_CONFIDENCE} on. `no_result` (whose `data` is a string) is an empty page.
 *
 * @example mapThreatfox({ query_status: 'no_result', data: 'No results found.' }) // { ok: true, value: { records: [], total: 0 } }
 */
export function mapThreatfox(json: unknown): Result<RecordPage<ReputationEntry>> {
    const o = asObject(json);
    if (!o) return fail('the ThreatFox answer is not a JSON object', 'a JSON object {query_status, data: [...]}');
    if (asText(o['query_status']) !== 'ok') return ok({ records: [], total: 0 });
    const records = asArray(o['data']).flatMap((d) => {
        const x = asObject(d);
        return x ? [entry(x)] : [];
    });
    return ok({ records, total: records.length });
}

/**
 * An error ThreatFox reported in `query_status` (anything but `ok` and `no_result`): `illegal_search_term` and
 * other `illegal_`/`invalid_` statuses are `bad-request`, an unknown or missing `Auth-Key` `unauthorized`.
 *
 * @example threatfoxReportedError({ query_status: 'illegal_search_term', data: '...' }) // { kind: 'bad-request', reason: 'ThreatFox: illegal_search_term' }
 */
export function threatfoxReportedError(json: unknown): UpstreamReport | undefined {
    const status = asText(asObject(json)?.['query_status']);
    if (status === undefined || status === 'ok' || status === 'no_result' || status === 'no_results') return undefined;
    const reason = `ThreatFox: ${status}`;
    if (status.startsWith('invalid_') || status.startsWith('illegal_')) return { kind: 'bad-request', reason };
    if (status.includes('auth')) return { kind: 'unauthorized', reason };
    return { kind: 'upstream', reason };
}
