/**
 * CIRCL Passive DNS answers in the Common Output Format (draft-dulaunoy-dnsop-passive-dns-cof): NDJSON, one record
 * per line, which the app's endpoint hands over as the string field `ndjson`. `rdata` may be a string or a list
 * (one row per element), `rrtype` a string or an RFC 3597 number, counts and times numbers or numeric strings.
 */
import { parseApiDate } from '../../../model/dates';
import type { Resolution, Resolutions } from '../../../model/intel-model';
import { fail, ok, type Result } from '../../../result';
import { asArray, asNumber, asObject, asText, type JsonObject } from '../../passivetotal/json-reader';
import { looksLikeIp, observedResolution, resolutionsPage } from '../common';

const PROVIDER = 'circl';

/** Resolutions read from NDJSON, with the number of lines that were not COF records and were skipped. */
export interface CofResolutions {
    readonly resolutions: Resolutions;
    /** Non-empty lines that were not JSON objects with `rrname`, `rrtype` and `rdata`. */
    readonly skippedLines: number;
}

const RRTYPES: Readonly<Record<number, string>> = {
    1: 'A',
    2: 'NS',
    5: 'CNAME',
    6: 'SOA',
    12: 'PTR',
    15: 'MX',
    16: 'TXT',
    28: 'AAAA',
    33: 'SRV',
    64: 'SVCB',
    65: 'HTTPS',
    257: 'CAA',
};

/** `"A"`, or a number: its mnemonic when known, else `TYPE<n>` (RFC 3597). */
function rrtype(v: unknown): string | undefined {
    if (typeof v === 'number') return RRTYPES[v] ?? `TYPE${v}`;
    return asText(v)?.toUpperCase();
}

function seconds(o: JsonObject, key: 'first' | 'last'): string | undefined {
    const ms = asNumber(o[`time_${key}_ms`]);
    return (
        parseApiDate(asNumber(o[`time_${key}`])) ??
        (ms === undefined ? undefined : parseApiDate(ms)) ??
        parseApiDate(o[`time_${key}_rfc3339`]) ??
        parseApiDate(asNumber(o[`zone_time_${key}`]))
    );
}

function parseLine(line: string): unknown {
    try {
        return JSON.parse(line) as unknown;
    } catch {
        return undefined;
    }
}

/** The rows of one COF record, or undefined when it is not one. */
function rows(o: JsonObject, query: string): Resolution[] | undefined {
    const rrname = asText(o['rrname']);
    const type = rrtype(o['rrtype']);
    const rdata = typeof o['rdata'] === 'string' ? [o['rdata']] : asArray(o['rdata']);
    if (rrname === undefined || type === undefined || rdata.length === 0) return undefined;
    const firstSeen = seconds(o, 'first');
    const lastSeen = seconds(o, 'last');
    return rdata.flatMap((d) => {
        const answer = asText(d);
        if (answer === undefined) return [];
        // CIRCL's own documentation shows an address record with the address as `rrname` and the name as `rdata`.
        const swapped = (type === 'A' || type === 'AAAA') && looksLikeIp(rrname) && !looksLikeIp(answer);
        return [
            observedResolution(
                {
                    name: swapped ? answer : rrname,
                    answer: swapped ? rrname : answer,
                    recordType: type,
                    ...(firstSeen === undefined ? {} : { firstSeen }),
                    ...(lastSeen === undefined ? {} : { lastSeen }),
                },
                query,
                PROVIDER
            ),
        ];
    });
}

/**
 * Reads COF NDJSON text as the resolutions of `query`: empty lines ignored, lines that are not JSON records with
 * `rrname`, `rrtype` and `rdata` skipped and counted.
 *
 * @example parseCof('{"rrname":"www.example.com","rrtype":"A","rdata":["192.0.2.10"],"time_first":1704067200,"time_last":1735689600}\nnot json\n', 'www.example.com').skippedLines // 1
 */
export function parseCof(text: string, query: string): CofResolutions {
    let skippedLines = 0;
    const records: Resolution[] = [];
    for (const line of text.split(/\r?\n/)) {
        if (line.trim() === '') continue;
        const o = asObject(parseLine(line));
        const r = o ? rows(o, query) : undefined;
        if (r === undefined) skippedLines++;
        else records.push(...r);
    }
    return { resolutions: resolutionsPage(query, records), skippedLines };
}

/**
 * The app endpoint's CIRCL answer (`{"ndjson": "<text>"}`, or the text itself) as resolutions and skipped lines.
 *
 * @example mapCircl({ ndjson: '' }, 'evil.example') // { ok: true, value: { resolutions: { queryValue: 'evil.example', records: [], total: 0 }, skippedLines: 0 } }
 */
export function mapCircl(json: unknown, query: string): Result<CofResolutions> {
    const text = typeof json === 'string' ? json : asObject(json)?.['ndjson'];
    if (typeof text !== 'string') {
        return fail('the CIRCL answer has no "ndjson" text', 'a JSON object {"ndjson": "<COF lines>"}');
    }
    return ok(parseCof(text, query));
}
