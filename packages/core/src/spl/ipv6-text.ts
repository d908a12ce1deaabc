/**
 * The textual forms an IPv6 address takes in logs, for matching: RFC 5952 (compressed, lower case), fully
 * expanded (`2001:0db8:0000:…`), unpadded without compression (`2001:db8:0:0:0:0:0:53`), any `::` over any run of
 * zero groups, any case, any zero padding of each group, and for IPv4-mapped and NAT64 addresses the last 32 bits
 * as a dotted quad.
 */
import ipaddr from 'ipaddr.js';
import { alternatives } from './regex-text';

/** The eight 16-bit groups of an address (RFC 5952 text in, numbers out). */
export function ipv6Groups(value: string): readonly number[] {
    return ipaddr.IPv6.parse(value).parts;
}

/** A group in any zero padding (hex digits; the pattern is used case-insensitively). */
function groupPattern(n: number): string {
    if (n === 0) return '0{1,4}';
    const hex = n.toString(16);
    return hex.length === 4 ? hex : `0{0,${4 - hex.length}}${hex}`;
}

/** The runs `[start, end)` of consecutive zero groups that `::` may stand for: every sub-run of every zero run. */
function zeroRuns(groups: readonly number[]): [number, number][] {
    const runs: [number, number][] = [];
    for (let start = 0; start < groups.length; start++) {
        for (let end = start + 1; end <= groups.length && groups[end - 1] === 0; end++) runs.push([start, end]);
    }
    return runs;
}

/** Every way to write the groups: without `::`, and with `::` over each run of zero groups. */
function groupForms(groups: readonly number[]): string[] {
    const parts = groups.map(groupPattern);
    const forms = [parts.join(':')];
    for (const [start, end] of zeroRuns(groups)) {
        forms.push(`${parts.slice(0, start).join(':')}::${parts.slice(end).join(':')}`);
    }
    return forms;
}

/** True for addresses whose last 32 bits logs write as a dotted quad: IPv4-mapped (`::ffff:0:0/96`), NAT64. */
function hasDottedTail(groups: readonly number[]): boolean {
    const [a, b, c, d, e, f] = groups;
    const mapped = a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff;
    const nat64 = a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0;
    return mapped || nat64;
}

function dottedTail(groups: readonly number[]): string {
    const hi = groups[6] ?? 0;
    const lo = groups[7] ?? 0;
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('\\.');
}

/**
 * The body of a pattern matching every textual form of the address (no boundaries; use case-insensitively).
 *
 * @example ipv6FormsPattern('2001:db8::53') // '(?:2001:0{0,1}db8:0{1,4}:…|2001:0{0,1}db8::0{0,2}53|…)'
 */
export function ipv6FormsPattern(value: string): string {
    const groups = ipv6Groups(value);
    const forms = groupForms(groups);
    if (hasDottedTail(groups)) {
        // The six leading groups, then the dotted quad: `::ffff:198.51.100.7`, `64:ff9b::192.0.2.33`.
        const head = groups.slice(0, 6);
        const tail = dottedTail(groups);
        forms.push(`${head.map(groupPattern).join(':')}:${tail}`);
        for (const [start, end] of zeroRuns(head)) {
            const parts = head.map(groupPattern);
            const before = parts.slice(0, start).join(':');
            const after = parts.slice(end).join(':');
            forms.push(`${before}::${after === '' ? '' : `${after}:`}${tail}`);
        }
    }
    return alternatives(forms);
}

/**
 * The forms an address's value takes in fields that hold exactly an address: compressed, fully expanded,
 * unpadded, and the dotted tail where logs use one (field comparisons in Splunk ignore case).
 *
 * @example ipv6FieldForms('2001:db8::53') // ['2001:db8::53', '2001:0db8:0000:0000:0000:0000:0000:0053', '2001:db8:0:0:0:0:0:53']
 */
export function ipv6FieldForms(value: string): string[] {
    const groups = ipv6Groups(value);
    const hex = groups.map((n) => n.toString(16));
    const forms = [value, hex.map((h) => h.padStart(4, '0')).join(':'), hex.join(':')];
    if (hasDottedTail(groups)) {
        const tail = dottedTail(groups).replace(/\\/g, '');
        forms.push(ipaddr.IPv6.parse(value).toRFC5952String(), `${hex.slice(0, 6).join(':')}:${tail}`);
    }
    return [...new Set(forms)];
}

/** The dotted quad logs write for the last 32 bits of an IPv4-mapped or NAT64 address; undefined otherwise. */
export function ipv6DottedTail(value: string): string | undefined {
    const groups = ipv6Groups(value);
    return hasDottedTail(groups) ? dottedTail(groups).replace(/\\/g, '') : undefined;
}

/**
 * The lexicon tokens the hexadecimal forms of the address contain, as alternatives per non-zero group (each group
 * in any zero padding): an event holding the address in any hexadecimal form has one token of every entry. With
 * `headOnly`, only the first six groups (those written in hexadecimal before a dotted tail).
 *
 * @example ipv6TokenAlternatives('2001:db8::53') // [['2001'], ['db8', '0db8'], ['53', '053', '0053']]
 */
export function ipv6TokenAlternatives(value: string, headOnly = false): string[][] {
    const groups = ipv6Groups(value);
    const out: string[][] = [];
    for (const n of headOnly ? groups.slice(0, 6) : groups) {
        if (n === 0) continue;
        const hex = n.toString(16);
        const padded: string[] = [];
        for (let width = hex.length; width <= 4; width++) padded.push(hex.padStart(width, '0'));
        if (!out.some((o) => o[0] === padded[0])) out.push(padded);
    }
    return out;
}
