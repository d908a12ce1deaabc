/**
 * What "this indicator occurs in an event" means: one rule per indicator type, used by every search that finds an
 * indicator in local data (the Internal hits tab, the sightings of pivot candidates) and by the page's highlighting.
 *
 * A rule has two parts:
 *
 * - a **prefilter**, a search expression Splunk answers from the lexicon on the indexers (keywords and phrases in
 *   the thorough mode, `TERM()` in the fast mode). It finds a superset of the matches and never misses one the
 *   lexicon can see;
 * - a **pattern**, a regular expression (PCRE and JavaScript read it alike) that a streaming `where match(...)`
 *   applies to each prefiltered event, so no false positive survives.
 *
 * The rules, for text as real products write it (key=value, CEF, LEEF, JSON, CSV, `ip:port`, URLs, XML, Zeek):
 *
 * - **IPv4**: the whole address, never inside a longer number or dotted string (`98.51.100.7` is not found in
 *   `98.51.100.70`, `198.51.100.7` or `98.51.100.7.5.1`); also in its IPv4-mapped form `::ffff:98.51.100.7`, and
 *   followed by `.<port>` as tcpdump writes it.
 * - **IPv6**: the whole address in every textual form: compressed, fully expanded, unpadded, `::` over any run of
 *   zero groups, any case, bracketed with a port, with a zone; a dotted tail for IPv4-mapped and NAT64 addresses.
 * - **domain**: the name and every name below it, any case, with or without a trailing dot, in URLs, e-mail
 *   addresses, DNS and TLS logs, and the length-prefixed form of the Windows DNS debug log (`(7)example(3)com(0)`);
 *   never a longer label (`myexample.com`), another name (`example.co`, `example.community`) or a name that only
 *   begins with it (`example.com.evil.net`).
 * - **e-mail**: the whole address, any case, in angle brackets or quotes; never the tail of a longer local part
 *   (`xjane@…`) or the head of a longer domain.
 * - **SHA-1**: 40 hex digits, or the colon-separated form openssl prints (`AB:CD:…`), never inside a longer hash.
 * - **URL**: with or without its scheme, followed by nothing more of the path (a query or fragment may follow).
 *
 * Every value is also found percent-encoded inside another URL's query (`?u=https%3A%2F%2Fevil.example%2F`, an
 * e-mail address as `jane%40evil.example`) and before a non-breaking delimiter (LEEF 2.0's `^`).
 * - **tracker id**: the whole id (`UA-1234-1` is not found in `UA-1234-12`).
 *
 * The fast mode keeps `TERM()` lookups: quick, but the lexicon holds a value only where major breakers (spaces,
 * commas, quotes, brackets) surround it, so it misses `dest_ip=1.2.3.4`, `1.2.3.4:443` and `https://1.2.3.4/`.
 *
 * Generators only build AST nodes; `compiler.ts` does all quoting.
 */
import type {
    DomainIndicator,
    EmailIndicator,
    Indicator,
    Ipv4Indicator,
    Ipv6Indicator,
    Sha1Indicator,
    TrackerIndicator,
    UrlIndicator,
} from '../indicators/indicator';
import { and, or, pattern, phrase, term, type SearchExpr } from './ast';
import { ipv6DottedTail, ipv6FieldForms, ipv6FormsPattern, ipv6TokenAlternatives } from './ipv6-text';
import { alternatives, IGNORE_CASE, regexLiteral, toRegExp } from './regex-text';
import { lexiconTokens } from './segmentation';

/** How raw events are matched: `thorough` finds every log format, `fast` uses `TERM()` only. */
export type MatchMode = 'thorough' | 'fast';

/** The match modes, default first. */
export const MATCH_MODES: readonly MatchMode[] = Object.freeze(['thorough', 'fast']);

/** The rule for one indicator. */
export interface MatchRule {
    readonly indicator: Indicator;
    readonly mode: MatchMode;
    /** The rule in a few words, e.g. "whole address, any log format". */
    readonly summary: string;
    /** The lexicon prefilter for the base search (a superset of the matches). */
    readonly prefilter: SearchExpr;
    /** The exact test: a case-insensitive pattern (leading `(?i)`) in the PCRE/JavaScript dialect of regex-text.ts. */
    readonly pattern: string;
}

/** What the fast mode misses, in words (for the setup page and the Internal hits tab). */
export const FAST_MODE_MISSES = 'misses values joined to other text by = : / (key=value, ip:port, URLs)';

/** Characters that continue a host label. */
const LABEL = '0-9a-z_-';

/**
 * "Not preceded by one of `chars`": the start of a whole value. A percent-encoded character (`%2F`, `%3A`) counts
 * as a boundary, as in a URL inside a query string (`?u=https%3A%2F%2Fevil.example%2F`).
 */
function notAfter(chars: string): string {
    return `(?:(?<![${chars}])|(?<=%[0-9a-f]{2}))`;
}

const dotted = (ip: string): string => ip.split('.').join('\\.');

/**
 * After an address: not a longer dotted string (`198.51.100.7.5.1`, `198.51.100.7.nip.io`). A single `.<port>` is
 * allowed, as tcpdump and pflog write `198.51.100.7.53`.
 */
const NOT_LONGER_DOTTED = '(?!\\.[a-z])(?!\\.[0-9]+\\.[0-9a-z])';

function ipv4Pattern(ip: string): string {
    return `${notAfter('0-9a-z')}(?<![0-9a-z]\\.)${dotted(ip)}(?![0-9a-z])${NOT_LONGER_DOTTED}`;
}

/**
 * Before an IPv6 address: not a hex digit or a colon that could belong to it. A colon after a word that cannot be a
 * group (it has a letter beyond `f`, or five or more characters: `ip:`, `src:`, `addr:`) is a boundary.
 */
const IPV6_BEFORE =
    '(?:(?<![0-9a-z:])|(?<=[g-z_]:)|(?<=[g-z_][0-9a-z_]:)|(?<=[g-z_][0-9a-z_]{2}:)|(?<=[g-z_][0-9a-z_]{3}:)|(?<=[0-9a-z_]{5}:))';
const IPV6_AFTER = `(?![0-9a-z])(?!:[0-9a-f:])${NOT_LONGER_DOTTED}`;

function ipv6Pattern(value: string): string {
    return `${IPV6_BEFORE}${ipv6FormsPattern(value)}${IPV6_AFTER}`;
}

/** The Windows DNS debug log's form of a name: each label after its length in parentheses, then `(0)`. */
function windowsDnsForm(name: string): string {
    return `${name
        .split('.')
        .map((label) => `\\(${label.length}\\)${regexLiteral(label)}`)
        .join('')}\\(0\\)`;
}

function domainPattern(name: string): string {
    const plain = `${notAfter(LABEL)}${regexLiteral(name)}(?![${LABEL}])(?!\\.[${LABEL}])`;
    return alternatives([plain, windowsDnsForm(name)]);
}

/** An e-mail address, its `@` also percent-encoded (`jane%40evil.example` in a URL's query). */
function emailPattern(i: EmailIndicator): string {
    const at = i.value.lastIndexOf('@');
    const local = regexLiteral(i.value.slice(0, at));
    const domain = regexLiteral(i.value.slice(at + 1));
    return `${notAfter('0-9a-z._%+-')}${local}(?:@|%40)${domain}(?![${LABEL}])(?!\\.[${LABEL}])`;
}

/** The colon-separated upper-case form openssl prints: `AB:CD:…`. */
export function sha1ColonForm(hex: string): string {
    return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

function sha1Pattern(hex: string): string {
    return alternatives([
        `(?<![0-9a-z])${hex}(?![0-9a-z])`,
        `(?<![0-9a-z:])${sha1ColonForm(hex)}(?![0-9a-z])(?!:[0-9a-f])`,
    ]);
}

function trackerPattern(id: string): string {
    return `${notAfter(LABEL)}${regexLiteral(id)}(?![${LABEL}])`;
}

/** The URL without its scheme: what logs write when they leave the scheme out (`evil.example/login.php`). */
export function urlWithoutScheme(indicator: UrlIndicator): string {
    return indicator.value.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
}

/** Characters that would continue a URL's path (a query `?`, fragment `#` or `&` may follow the match). */
const PATH_CONTINUES = '[0-9a-z\\-._~/+@=$!*:]';

/** URL delimiters and their percent-encoded forms (a URL inside another URL's query is encoded). */
const ENCODED_DELIMITERS: Readonly<Record<string, string>> = {
    '/': '%2f',
    ':': '%3a',
    '?': '%3f',
    '=': '%3d',
    '&': '%26',
    '@': '%40',
    '#': '%23',
};

/** The URL text as a pattern in which each delimiter may also be percent-encoded. */
function urlText(text: string): string {
    let out = '';
    for (const ch of text) {
        const encoded = ENCODED_DELIMITERS[ch];
        out += encoded ? `(?:${regexLiteral(ch)}|${encoded})` : regexLiteral(ch);
    }
    return out;
}

function urlPattern(indicator: UrlIndicator): string {
    const scheme = indicator.scheme === '' ? '[a-z][a-z0-9+.-]*' : regexLiteral(indicator.scheme);
    const start = `(?:(?<![0-9a-z+.-])${scheme}${urlText('://')}|(?<![0-9a-z_@:/.-])|(?<=%2f))`;
    const bare = urlWithoutScheme(indicator);
    const root = indicator.path === '' || indicator.path === '/';
    const body = root ? `${urlText(bare.replace(/\/$/, ''))}(?:/|%2f)?` : urlText(bare);
    return `${start}${body}(?!${PATH_CONTINUES})(?!%2f)`;
}

/**
 * The lookups of a value's last token: the token, and the token run on into a delimiter that is no breaker (LEEF
 * 2.0's `^`, and `~`): the lexicon then holds `example^dst`, found by the prefix `example^*`.
 */
function runOn(token: string): SearchExpr[] {
    return [phrase(token), ...NON_BREAKING_DELIMITERS.map((d) => pattern(`${token}${d}`, ''))];
}

/** Delimiters some formats use that Splunk's segmenter does not break at. */
const NON_BREAKING_DELIMITERS = ['^', '~'] as const;

/** At most this many tokens in a prefilter (the longest; any subset still finds every match). */
const MAX_PREFILTER_TOKENS = 12;

/** What the lexicon holds for a token that follows a percent-encoded delimiter: `%2Fevil` is the token `2fevil`. */
const ENCODED_TOKEN_PREFIX: Readonly<Record<string, string>> = { '/': '2f', '@': '40', '?': '3f', '#': '23' };

/** One token of a value, and the other forms in which the lexicon may hold it. */
type Slot = readonly string[];

/**
 * The lexicon lookups that find a value in any event that holds it:
 *
 * - each token of the value is a keyword (AND);
 * - a token after `/`, `@`, `?` or `#` (and, with `encodedStart`, the first token) may follow the delimiter's
 *   percent-encoded form, which is no breaker: `%2Fevil` is the token `2fevil`;
 * - the last token may run on into a delimiter that is no breaker (LEEF 2.0's `^`: the lexicon holds
 *   `example^dst`), so it is also looked up as a prefix (`example^*`).
 *
 * @example compileSearchExpr(tokenPrefilter('evil.example/gate.php', false)) // '"evil" "example" ("gate" OR "2fgate") ("php" OR "php^*" OR "php~*")'
 */
function tokenPrefilter(value: string, encodedStart: boolean): SearchExpr {
    const slots: Slot[] = [];
    const lower = value.toLowerCase();
    let cursor = 0;
    for (const token of lexiconTokens(value)) {
        const at = lower.indexOf(token, cursor);
        cursor = at < 0 ? cursor : at + token.length;
        const before = at <= 0 ? (encodedStart ? '/' : '') : (value[at - 1] ?? '');
        const prefix = ENCODED_TOKEN_PREFIX[before];
        slots.push(prefix ? [token, `${prefix}${token}`] : [token]);
    }
    if (slots.length === 0) return phrase(value);
    const chosen =
        slots.length <= MAX_PREFILTER_TOKENS
            ? slots
            : [...slots].sort((a, b) => (b[0] ?? '').length - (a[0] ?? '').length).slice(0, MAX_PREFILTER_TOKENS);
    const last = slots[slots.length - 1];
    return and(
        ...slots
            .filter((slot) => chosen.includes(slot))
            .map((slot) => {
                const lookups = slot.flatMap((t) => (slot === last ? runOn(t) : [phrase(t)]));
                return lookups.length === 1 ? (lookups[0] ?? phrase('')) : or(...lookups);
            })
    );
}

function ipv6Prefilter(indicator: Ipv6Indicator): SearchExpr {
    // The last group may run on into a delimiter that is no breaker (LEEF 2.0's `^`).
    const groupTokens = (alts: string[][]): SearchExpr =>
        and(
            ...alts.map((alt, i) => {
                const lookups = alt.flatMap((a) => (i === alts.length - 1 ? runOn(a) : [phrase(a)]));
                return lookups.length === 1 ? (lookups[0] ?? phrase('')) : or(...lookups);
            })
        );
    const hex = ipv6TokenAlternatives(indicator.value);
    // The unspecified address `::` has no non-zero group: its zeros are the only tokens of its forms.
    const zeros = or(phrase('::'), ...['0', '00', '000', '0000'].map((z) => phrase(z)));
    const hexForms = hex.length > 0 ? groupTokens(hex) : zeros;
    const tail = ipv6DottedTail(indicator.value);
    if (tail === undefined) return hexForms;
    const head = ipv6TokenAlternatives(indicator.value, true);
    return or(hexForms, head.length > 0 ? and(groupTokens(head), phrase(tail)) : phrase(tail));
}

interface RuleParts {
    readonly summary: string;
    readonly thorough: SearchExpr;
    readonly fast: SearchExpr;
    readonly pattern: string;
}

function ipv4Rule(i: Ipv4Indicator): RuleParts {
    return {
        summary: 'whole address, also ::ffff:-mapped',
        // Also run on into LEEF 2.0's `^`, and after an encoded `/` (`%2F203.0.113.7`: the lexicon holds `2f203`).
        thorough: or(...runOn(i.value), phrase(`%2F${i.value}`)),
        fast: term(i.value),
        pattern: ipv4Pattern(i.value),
    };
}

function ipv6Rule(i: Ipv6Indicator): RuleParts {
    return {
        summary: 'whole address in any notation (compressed, expanded, bracketed)',
        thorough: ipv6Prefilter(i),
        fast: or(...ipv6FieldForms(i.value).map((f) => term(f))),
        pattern: ipv6Pattern(i.value),
    };
}

function domainRule(i: DomainIndicator): RuleParts {
    return {
        summary: 'the name and names below it',
        thorough: tokenPrefilter(i.value, true),
        fast: phrase(i.value),
        pattern: domainPattern(i.value),
    };
}

function urlRule(i: UrlIndicator): RuleParts {
    const bare = urlWithoutScheme(i);
    return {
        summary: 'the URL with or without its scheme',
        thorough: tokenPrefilter(bare, true),
        fast: phrase(bare),
        pattern: urlPattern(i),
    };
}

function emailRule(i: EmailIndicator): RuleParts {
    return {
        summary: 'the whole address',
        thorough: tokenPrefilter(i.value, false),
        fast: term(i.value),
        pattern: emailPattern(i),
    };
}

function sha1Rule(i: Sha1Indicator): RuleParts {
    return {
        summary: 'hex or colon-separated fingerprint',
        thorough: or(...runOn(i.value), ...runOn(sha1ColonForm(i.value))),
        fast: term(i.value),
        pattern: sha1Pattern(i.value),
    };
}

function trackerRule(i: TrackerIndicator): RuleParts {
    return {
        summary: 'the whole id',
        thorough: tokenPrefilter(i.value, true),
        fast: term(i.value),
        pattern: trackerPattern(i.value),
    };
}

function parts(indicator: Indicator): RuleParts {
    switch (indicator.type) {
        case 'ipv4':
            return ipv4Rule(indicator);
        case 'ipv6':
            return ipv6Rule(indicator);
        case 'domain':
            return domainRule(indicator);
        case 'url':
            return urlRule(indicator);
        case 'email':
            return emailRule(indicator);
        case 'sha1':
            return sha1Rule(indicator);
        case 'tracker':
            return trackerRule(indicator);
    }
}

/**
 * The rule that finds an indicator in events.
 *
 * @example matchRule(ipv4('203.0.113.77')).prefilter // phrase('203.0.113.77'): "203.0.113.77"
 * @example matchRule(ipv4('203.0.113.77'), 'fast').prefilter // term('203.0.113.77'): TERM(203.0.113.77)
 */
export function matchRule(indicator: Indicator, mode: MatchMode = 'thorough'): MatchRule {
    const p = parts(indicator);
    return Object.freeze({
        indicator,
        mode,
        summary: mode === 'fast' ? `${p.summary}, only between spaces, commas, quotes or brackets` : p.summary,
        prefilter: mode === 'fast' ? p.fast : p.thorough,
        pattern: `${IGNORE_CASE}${p.pattern}`,
    });
}

/** Where an indicator occurs in a text: start and end offsets. */
export interface TextMatch {
    readonly start: number;
    readonly end: number;
}

/**
 * Every occurrence of the indicator in a text by its rule, in order (for highlighting what a search matched).
 *
 * @example findInText(domain('evil.example'), 'GET https://www.EVIL.example/x') // [{ start: 16, end: 28 }]
 */
export function findInText(indicator: Indicator, text: string): readonly TextMatch[] {
    const re = toRegExp(matchRule(indicator).pattern, 'g');
    const out: TextMatch[] = [];
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (m[0] === '') {
            re.lastIndex++;
            continue;
        }
        out.push({ start: m.index, end: m.index + m[0].length });
    }
    return out;
}

/**
 * True when the text contains the indicator by its rule.
 *
 * @example occursIn(ipv4('98.51.100.7'), 'dst=98.51.100.70') // false
 */
export function occursIn(indicator: Indicator, text: string): boolean {
    return toRegExp(matchRule(indicator).pattern).test(text);
}
