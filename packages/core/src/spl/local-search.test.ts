import { parseIndicator } from '../indicators/parse-indicator';
import type { Indicator } from '../indicators/indicator';
import { localSearches, rawSearchValue } from './local-search';
import { needsExactFilter } from './compiler';
import { lexSpl, splSkeleton } from './spl-lexer';

function ind(text: string): Indicator {
    const r = parseIndicator(text);
    if (!r.ok) throw new Error(r.reason);
    return r.value;
}

const spl = (text: string, mode: 'raw' | 'cim' = 'raw'): string[] =>
    localSearches(ind(text), { mode }).map((s) => s.spl);

const TSTATS =
    '| tstats `passivetotal_summariesonly` count min(_time) as first_seen max(_time) as last_seen from datamodel=';
/** Every tstats search is scoped by the index macro: without an index, tstats reads only the role's default indexes. */
const SCOPE = '(`passivetotal_index`)';

describe('localSearches: raw mode, exact text per type', () => {
    it.each([
        ['198.51.100.7', '(`passivetotal_index`) TERM(198.51.100.7)'],
        ['[2001:DB8::1]:443', '(`passivetotal_index`) TERM(2001:db8::1)'],
        ['evil[.]example', '(`passivetotal_index`) "evil.example"'],
        ['bücher.example', '(`passivetotal_index`) "xn--bcher-kva.example"'],
        ['hxxps://evil[.]example/login.php?user=a"b', '(`passivetotal_index`) "evil.example/login.php?user=a\\"b"'],
        ['jane@evil.example', '(`passivetotal_index`) TERM(jane@evil.example)'],
        [
            'E9A6647D6ABA52DC47B3838C920C9EE59BAD7034',
            '(`passivetotal_index`) TERM(e9a6647d6aba52dc47b3838c920c9ee59bad7034)',
        ],
        ['UA-61048133-2', '(`passivetotal_index`) TERM(UA-61048133-2)'],
        [
            'http://evil.example/a*b`c',
            '(`passivetotal_index`) "evil.example/a*b*c"\n| where match(_raw, "(?i)evil\\\\.example\\\\/a\\\\*b\\\\x60c")',
        ],
    ])('%s', (input, expected) => {
        expect(spl(input)).toEqual([expected]);
    });

    it('quotes every value in phrase mode and honours custom macro names', () => {
        expect(localSearches(ind('198.51.100.7'), { rawMatch: 'phrase', indexMacro: 'my_idx' })[0]?.spl).toBe(
            '(`my_idx`) "198.51.100.7"'
        );
    });
});

describe('localSearches: CIM mode, exact text per type', () => {
    it('IPv4 searches every data model that carries addresses', () => {
        expect(spl('198.51.100.7', 'cim')).toEqual([
            `${TSTATS}Network_Traffic.All_Traffic where ${SCOPE} (All_Traffic.src="198.51.100.7" OR All_Traffic.dest="198.51.100.7") by All_Traffic.src All_Traffic.dest All_Traffic.dest_port`,
            `${TSTATS}Web.Web where ${SCOPE} (Web.src="198.51.100.7" OR Web.dest="198.51.100.7") by Web.src Web.dest`,
            `${TSTATS}Network_Resolution.DNS where ${SCOPE} (DNS.answer="198.51.100.7" OR DNS.src="198.51.100.7") by DNS.query DNS.answer`,
            `${TSTATS}Email.All_Email where ${SCOPE} (All_Email.src="198.51.100.7" OR All_Email.dest="198.51.100.7") by All_Email.src All_Email.dest`,
            `${TSTATS}Certificates.All_Certificates where ${SCOPE} (All_Certificates.dest="198.51.100.7" OR All_Certificates.src="198.51.100.7") by All_Certificates.dest All_Certificates.SSL.ssl_hash`,
        ]);
        expect(localSearches(ind('198.51.100.7'), { mode: 'cim' }).map((s) => s.id)).toEqual([
            'cim-Network_Traffic',
            'cim-Web',
            'cim-Network_Resolution',
            'cim-Email',
            'cim-Certificates',
        ]);
    });

    it('IPv6 uses the normalised address', () => {
        expect(spl('2001:0DB8:0:0::1', 'cim')[0]).toBe(
            `${TSTATS}Network_Traffic.All_Traffic where ${SCOPE} (All_Traffic.src="2001:db8::1" OR All_Traffic.dest="2001:db8::1") by All_Traffic.src All_Traffic.dest All_Traffic.dest_port`
        );
    });

    it('a domain matches itself and its subdomains', () => {
        expect(spl('evil.example', 'cim')).toEqual([
            `${TSTATS}Network_Resolution.DNS where ${SCOPE} (DNS.query="evil.example" OR DNS.query="*.evil.example") by DNS.query DNS.answer`,
            `${TSTATS}Web.Web where ${SCOPE} (Web.dest="evil.example" OR Web.dest="*.evil.example" OR Web.url="*://evil.example/*" OR Web.url="*.evil.example/*") by Web.dest Web.src`,
            `${TSTATS}Email.All_Email where ${SCOPE} (All_Email.src_user="*@evil.example" OR All_Email.recipient="*@evil.example") by All_Email.src_user All_Email.recipient`,
            `${TSTATS}Certificates.All_Certificates where ${SCOPE} (All_Certificates.SSL.ssl_subject_common_name="evil.example" OR All_Certificates.SSL.ssl_subject_common_name="*.evil.example") by All_Certificates.SSL.ssl_subject_common_name All_Certificates.SSL.ssl_hash`,
        ]);
    });

    it('a URL searches Web.url with and without scheme, exact-filtered when it has wildcards', () => {
        expect(spl('hxxps://evil[.]example/login.php', 'cim')).toEqual([
            `${TSTATS}Web.Web where ${SCOPE} (Web.url="https://evil.example/login.php" OR Web.url="evil.example/login.php") by Web.url Web.src Web.dest`,
        ]);
        expect(spl('evil.example/a*b', 'cim')).toEqual([
            `${TSTATS}Web.Web where ${SCOPE} Web.url="evil.example/a*b" by Web.url Web.src Web.dest\n| where match('Web.url', "(?i)evil\\\\.example\\\\/a\\\\*b")`,
        ]);
    });

    it('an email searches sender and recipient', () => {
        expect(spl('Jane@Evil.Example', 'cim')).toEqual([
            `${TSTATS}Email.All_Email where ${SCOPE} (All_Email.src_user="jane@evil.example" OR All_Email.recipient="jane@evil.example") by All_Email.src_user All_Email.recipient All_Email.subject`,
        ]);
    });

    it('a certificate SHA-1 searches both hash spellings', () => {
        expect(spl('e9a6647d6aba52dc47b3838c920c9ee59bad7034', 'cim')).toEqual([
            `${TSTATS}Certificates.All_Certificates where ${SCOPE} (All_Certificates.SSL.ssl_hash="e9a6647d6aba52dc47b3838c920c9ee59bad7034" OR All_Certificates.SSL.ssl_hash="e9:a6:64:7d:6a:ba:52:dc:47:b3:83:8c:92:0c:9e:e5:9b:ad:70:34") by All_Certificates.SSL.ssl_hash All_Certificates.SSL.ssl_subject_common_name All_Certificates.dest`,
        ]);
    });

    it('honours custom macro names for the index scope and the tstats options', () => {
        expect(
            localSearches(ind('jane@evil.example'), {
                mode: 'cim',
                indexMacro: 'my_idx',
                summariesOnlyMacro: 'my_so',
            })[0]?.spl
        ).toBe(
            '| tstats `my_so` count min(_time) as first_seen max(_time) as last_seen from datamodel=Email.All_Email ' +
                'where (`my_idx`) (All_Email.src_user="jane@evil.example" OR All_Email.recipient="jane@evil.example") ' +
                'by All_Email.src_user All_Email.recipient All_Email.subject'
        );
    });

    it('a tracker id has no CIM field and falls back to raw events', () => {
        expect(localSearches(ind('UA-61048133-2'), { mode: 'cim' })).toMatchObject([
            { id: 'raw', mode: 'raw', spl: '(`passivetotal_index`) TERM(UA-61048133-2)' },
        ]);
    });
});

describe('localSearches: safety on hostile URLs and emails', () => {
    const hostile = [
        'http://evil.example/"OR(index=*)|delete',
        'http://evil.example/a\\"|delete',
        'http://evil.example/[search|index=_audit]',
        'http://evil.example/`evil_macro`',
        'http://evil.example/OR/NOT/AND',
        "o'hara`x@evil.example",
        'http://evil.example/%22%7C',
    ];
    it.each(hostile)('%s', (input) => {
        const indicator = ind(input);
        for (const mode of ['raw', 'cim'] as const) {
            for (const search of localSearches(indicator, { mode })) {
                // Only the macros the generator asked for: the index scope, and the tstats options in CIM mode.
                const macros = lexSpl(search.spl).flatMap((t) => (t.kind === 'macro' ? [t.name] : []));
                expect(macros).toEqual(
                    search.mode === 'cim'
                        ? ['passivetotal_summariesonly', 'passivetotal_index']
                        : ['passivetotal_index']
                );
                expect(lexSpl(search.spl).some((t) => t.kind === 'error')).toBe(false);
                // The structure is the same as for a harmless value of the same type.
                const wide = needsExactFilter(rawSearchValue(indicator));
                const harmlessText =
                    indicator.type === 'email'
                        ? `a${wide ? '*' : ''}b@evil.example`
                        : `http://evil.example/a${wide ? '*' : ''}b`;
                const harmless = localSearches(ind(harmlessText), { mode });
                expect(splSkeleton(search.spl)).toBe(splSkeleton(harmless.find((h) => h.id === search.id)?.spl ?? ''));
            }
        }
    });
});
