/**
 * AlienVault OTX indicator sections: `passive_dns` (`{passive_dns: [...], count}`) into resolutions, and `general`
 * (pulses, tags, malware families, validation) into one reputation entry.
 */
import { parseApiDate } from '../../../model/dates';
import type { Classification, RecordPage, ReputationEntry, Resolutions } from '../../../model/intel-model';
import { fail, ok, type Result } from '../../../result';
import { asArray, asNumber, asObject, asText, defined, type JsonObject } from '../../passivetotal/json-reader';
import type { UpstreamReport } from '../common';
import { dateRange, distinct, looksLikeIp, observedResolution, resolutionsPage } from '../common';

const PROVIDER = 'otx';

/**
 * An OTX `passive_dns` answer as the resolutions of `query` (`hostname` → `address`, `record_type`, `first`/`last`
 * without a zone, read as UTC). A body without `passive_dns` is an empty page.
 *
 * @example mapOtxPassiveDns({ passive_dns: [{ hostname: 'www.example.com', address: '192.0.2.10', record_type: 'A', first: '2025-09-12T09:47:59', last: '2026-01-30T08:00:01' }], count: 1 }, '192.0.2.10')
 * // { ok: true, value: { queryValue: '192.0.2.10', records: [{ value: '192.0.2.10', resolve: 'www.example.com', recordType: 'A', sources: ['otx'], provider: 'otx', ... }], total: 1, ... } }
 */
export function mapOtxPassiveDns(json: unknown, query: string): Result<Resolutions> {
    const o = asObject(json);
    if (!o) return fail('the OTX passive DNS answer is not a JSON object', 'a JSON object {passive_dns: [...]}');
    const records = asArray(o['passive_dns']).flatMap((r) => {
        const x = asObject(r);
        const name = asText(x?.['hostname']);
        const answer = asText(x?.['address']);
        // OTX lists failed lookups with the address `NXDOMAIN`: not a resolution.
        if (!x || name === undefined || answer === undefined || /^nxdomain$/i.test(answer)) return [];
        return [
            observedResolution(
                {
                    name,
                    answer,
                    recordType: asText(x['record_type']) ?? '',
                    firstSeen: parseApiDate(x['first']),
                    lastSeen: parseApiDate(x['last']),
                },
                query,
                PROVIDER
            ),
        ];
    });
    return ok(resolutionsPage(query, records, asNumber(o['count'])));
}

/** Names from a list of strings or of objects (`{display_name}`, `{name}`, `{id}`), as OTX writes `related`. */
function names(v: unknown): string[] {
    return asArray(v).flatMap((x) => {
        const o = asObject(x);
        const t = o ? (asText(o['display_name']) ?? asText(o['name']) ?? asText(o['id'])) : asText(x);
        return t === undefined ? [] : [t];
    });
}

function related(o: JsonObject, key: string): string[] {
    const rel = asObject(asObject(o['pulse_info'])?.['related']);
    return distinct(Object.values(rel ?? {}).flatMap((group) => names(asObject(group)?.[key])));
}

const OTX_SECTIONS: Readonly<Record<string, string>> = {
    ipv4: 'ip',
    ipv6: 'ip',
    domain: 'domain',
    hostname: 'hostname',
};

/** The OTX page of the indicator, from the answer's `indicator` and `type`. */
function reference(o: JsonObject, query: string): string {
    const section = OTX_SECTIONS[(asText(o['type']) ?? '').toLowerCase()] ?? (looksLikeIp(query) ? 'ip' : 'domain');
    const value = asText(o['indicator']) ?? query;
    return `https://otx.alienvault.com/indicator/${section}/${encodeURIComponent(value)}`;
}

/**
 * An OTX `general` answer as at most one reputation entry: the number of pulses naming the indicator (`threat`, or
 * the adversaries when pulses name some), the malware families, the union of the pulses' tags, the first pulse's
 * creation and the last modification. The verdict: whitelisted (`validation` or `false_positive` entries) is
 * `non_malicious`; otherwise any pulse makes it `suspicious` (community reports, not a verdict); else `unknown`.
 * No pulses and no validation is an empty page.
 *
 * @example mapOtxGeneral({ indicator: 'evil.example', type: 'domain', pulse_info: { count: 2, pulses: [{ name: 'Phishing kit', tags: ['phishing'], created: '2026-01-02T03:04:05.000' }] }, validation: [] }, 'evil.example')
 * // { ok: true, value: { records: [{ provider: 'otx', verdict: 'suspicious', threat: '2 OTX pulses', tags: ['phishing'], ... }], total: 1 } }
 */
export function mapOtxGeneral(json: unknown, query: string): Result<RecordPage<ReputationEntry>> {
    const o = asObject(json);
    if (!o) return fail('the OTX general answer is not a JSON object', 'a JSON object {pulse_info, validation, ...}');
    const info = asObject(o['pulse_info']);
    const pulses = asArray(info?.['pulses']).flatMap((p) => {
        const x = asObject(p);
        return x ? [x] : [];
    });
    const count = asNumber(info?.['count']) ?? pulses.length;
    const whitelisted = asArray(o['validation']).length > 0 || asArray(o['false_positive']).length > 0;
    if (count === 0 && !whitelisted) return ok({ records: [], total: 0 });
    const verdict: Classification = whitelisted ? 'non_malicious' : count > 0 ? 'suspicious' : 'unknown';
    const adversaries = distinct([...related(o, 'adversary'), ...pulses.flatMap((p) => names(p['adversary']))]);
    const malware = distinct([
        ...related(o, 'malware_families'),
        ...pulses.flatMap((p) => names(p['malware_families'])),
    ]);
    const tags = distinct(pulses.flatMap((p) => names(p['tags'])));
    const range = dateRange(pulses.flatMap((p) => [parseApiDate(p['created']), parseApiDate(p['modified'])]));
    const entry: ReputationEntry = defined({
        provider: PROVIDER,
        verdict,
        threat:
            adversaries.length > 0
                ? adversaries.join(', ')
                : count > 0
                  ? `${count} OTX pulse${count === 1 ? '' : 's'}`
                  : undefined,
        malware: malware.length > 0 ? malware.join(', ') : undefined,
        tags,
        ...range,
        reference: reference(o, query),
    });
    return ok({ records: [entry], total: 1 });
}

/**
 * An error report OTX sent as a successful answer: a body with only `detail` (its error shape; the status, which
 * the app's endpoint turns into an error code, is what tells the kinds apart).
 *
 * @example otxReportedError({ detail: 'Something went wrong' }) // { kind: 'upstream', reason: 'OTX: Something went wrong' }
 */
export function otxReportedError(json: unknown): UpstreamReport | undefined {
    const o = asObject(json);
    const detail = asText(o?.['detail']);
    if (!o || detail === undefined || 'pulse_info' in o || 'passive_dns' in o) return undefined;
    return { kind: 'upstream', reason: `OTX: ${detail}` };
}
