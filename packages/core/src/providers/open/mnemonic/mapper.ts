/**
 * mnemonic PassiveDNS v3 answers (`/pdns/v3/<q>`: `{responseCode, limit, offset, count, size, data: [...]}`) into
 * resolutions. Records carry lower-case `rrtype`, epoch-millisecond first/last seen and an observation count.
 */
import { parseApiDate } from '../../../model/dates';
import type { Resolutions } from '../../../model/intel-model';
import { fail, ok, type Result } from '../../../result';
import { asArray, asNumber, asObject, asText } from '../../passivetotal/json-reader';
import type { UpstreamReport } from '../common';
import { observedResolution, resolutionsPage } from '../common';

const PROVIDER = 'mnemonic';
const EXPECTED = 'a JSON object {responseCode, count, data: [...]}, as mnemonic PassiveDNS answers';

/**
 * A mnemonic answer as the resolutions of `query`. `total` is the `count` mnemonic reports, which exceeds the rows
 * when the answer stopped at `limit`. A `responseCode` 404 is an empty page.
 *
 * @example mapMnemonic({ responseCode: 200, count: 1, data: [{ query: 'www.example.com', answer: '192.0.2.10', rrtype: 'a', firstSeenTimestamp: 1704067200000, lastSeenTimestamp: 1735689600000 }] }, 'www.example.com')
 * // { ok: true, value: { queryValue: 'www.example.com', records: [{ value: 'www.example.com', resolve: '192.0.2.10', recordType: 'A', firstSeen: '2024-01-01T00:00:00.000Z', sources: ['mnemonic'], provider: 'mnemonic', ... }], total: 1, ... } }
 */
export function mapMnemonic(json: unknown, query: string): Result<Resolutions> {
    const o = asObject(json);
    if (!o) return fail('the mnemonic answer is not a JSON object', EXPECTED);
    if (asNumber(o['responseCode']) === 404) return ok(resolutionsPage(query, []));
    if (!Array.isArray(o['data']) && o['data'] !== undefined && o['data'] !== null) {
        return fail('the mnemonic answer\'s "data" is not a list', EXPECTED);
    }
    const records = asArray(o['data']).flatMap((r) => {
        const x = asObject(r);
        const name = asText(x?.['query']);
        const answer = asText(x?.['answer']);
        if (!x || name === undefined || answer === undefined) return [];
        return [
            observedResolution(
                {
                    name,
                    answer,
                    recordType: asText(x['rrtype']) ?? '',
                    firstSeen: parseApiDate(x['firstSeenTimestamp']),
                    lastSeen: parseApiDate(x['lastSeenTimestamp']),
                },
                query,
                PROVIDER
            ),
        ];
    });
    return ok(resolutionsPage(query, records, asNumber(o['count'])));
}

/**
 * An error mnemonic reported in the body (`responseCode` other than 200 and 404, with `messages[].message`): 402
 * (resource limit) and 429 are `quota`, 412 (limit above the maximum) and 400 `bad-request`.
 *
 * @example mnemonicReportedError({ responseCode: 402, messages: [{ message: 'Resource limit exceeded' }] }) // { kind: 'quota', reason: 'mnemonic: Resource limit exceeded (402)', status: 402 }
 */
export function mnemonicReportedError(json: unknown): UpstreamReport | undefined {
    const o = asObject(json);
    const code = asNumber(o?.['responseCode']);
    if (code === undefined || code === 200 || code === 404) return undefined;
    const message = asArray(o?.['messages'])
        .flatMap((m) => {
            const t = asText(asObject(m)?.['message']) ?? asText(m);
            return t === undefined ? [] : [t];
        })
        .join('; ');
    const reason = `mnemonic: ${message === '' ? 'error' : message} (${code})`;
    if (code === 402 || code === 429) return { kind: 'quota', reason, status: code };
    if (code === 401) return { kind: 'unauthorized', reason, status: code };
    if (code === 403) return { kind: 'forbidden', reason, status: code };
    if (code >= 400 && code < 500) return { kind: 'bad-request', reason, status: code };
    return { kind: 'upstream', reason, status: code };
}
