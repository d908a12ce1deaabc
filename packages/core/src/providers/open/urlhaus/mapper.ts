/**
 * abuse.ch URLhaus `host` answers (`{query_status, urlhaus_reference, firstseen, url_count, blacklists, urls: [...]}`)
 * into one reputation entry for the host.
 */
import { parseApiDate } from '../../../model/dates';
import type { Classification, RecordPage, ReputationEntry } from '../../../model/intel-model';
import { fail, ok, type Result } from '../../../result';
import { asArray, asObject, asText, asTextList, defined } from '../../passivetotal/json-reader';
import type { UpstreamReport } from '../common';
import { dateRange, distinct } from '../common';

const PROVIDER = 'urlhaus';

/**
 * A URLhaus host answer as at most one reputation entry: `malicious` when a malware URL on the host is online or a
 * blocklist (`blacklists.spamhaus_dbl`, `surbl`) lists it, `suspicious` when it only had URLs that are now offline.
 * `threat` is the URLs' threats (`malware_download`), `tags` their tags and the listing blocklists, `firstSeen` the
 * host's `firstseen`, `lastSeen` the newest URL. `no_results` (and a host with nothing) is an empty page.
 *
 * @example mapUrlhaus({ query_status: 'no_results' }) // { ok: true, value: { records: [], total: 0 } }
 */
export function mapUrlhaus(json: unknown): Result<RecordPage<ReputationEntry>> {
    const o = asObject(json);
    if (!o) return fail('the URLhaus answer is not a JSON object', 'a JSON object {query_status, urls: [...]}');
    if (asText(o['query_status']) !== 'ok') return ok({ records: [], total: 0 });
    const urls = asArray(o['urls']).flatMap((u) => {
        const x = asObject(u);
        return x ? [x] : [];
    });
    const listed = Object.entries(asObject(o['blacklists']) ?? {}).flatMap(([list, status]) => {
        const s = asText(status);
        return s === undefined || /^not[ _]listed$/i.test(s) ? [] : [`${list}:${s}`];
    });
    if (urls.length === 0 && listed.length === 0) return ok({ records: [], total: 0 });
    const online = urls.some((u) => asText(u['url_status']) === 'online');
    const verdict: Classification = online || listed.length > 0 ? 'malicious' : 'suspicious';
    const threats = distinct(urls.flatMap((u) => asTextList(u['threat'])));
    const newest = dateRange(urls.map((u) => parseApiDate(u['date_added']))).lastSeen;
    const entry: ReputationEntry = defined({
        provider: PROVIDER,
        verdict,
        threat: threats.length > 0 ? threats.join(', ') : undefined,
        tags: distinct([...urls.flatMap((u) => asTextList(u['tags'])), ...listed]),
        firstSeen: parseApiDate(o['firstseen']),
        lastSeen: newest,
        reference: asText(o['urlhaus_reference']),
    });
    return ok({ records: [entry], total: 1 });
}

/**
 * An error URLhaus reported in `query_status` (anything but `ok` and `no_results`): `invalid_host` is `bad-request`,
 * an unknown or missing `Auth-Key` `unauthorized`, anything else `upstream`.
 *
 * @example urlhausReportedError({ query_status: 'invalid_host' }) // { kind: 'bad-request', reason: 'URLhaus: invalid_host' }
 */
export function urlhausReportedError(json: unknown): UpstreamReport | undefined {
    const status = asText(asObject(json)?.['query_status']);
    if (status === undefined || status === 'ok' || status === 'no_results') return undefined;
    const reason = `URLhaus: ${status}`;
    if (status.startsWith('invalid_') || status.startsWith('illegal_')) return { kind: 'bad-request', reason };
    if (status.includes('auth')) return { kind: 'unauthorized', reason };
    return { kind: 'upstream', reason };
}
