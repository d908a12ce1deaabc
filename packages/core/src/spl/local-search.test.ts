import { localSearches } from './local-search';
import { matchRule } from './matching';
import { lexSpl, splSkeleton } from '../testing/spl-lexer';
import { parsedIndicator as ind } from '../testing';

const spl = (text: string, mode: 'raw' | 'cim' = 'raw', match: 'thorough' | 'fast' = 'thorough'): string[] =>
    localSearches(ind(text), { mode, match }).map((s) => s.spl);

/** The pattern of an indicator's rule as it appears inside an SPL string (backslashes doubled). */
const quoted = (text: string): string => matchRule(ind(text)).pattern.replace(/\\/g, '\\\\');

describe('localSearches: raw mode', () => {
    it('prefilters from the lexicon, then filters exactly with the rule', () => {
        expect(spl('198.51.100.7')).toEqual([
            `(\`passivetotal_index\`) ("198.51.100.7" OR "198.51.100.7^*" OR "198.51.100.7~*" OR "%2F198.51.100.7")\n| where match(_raw, "${quoted('198.51.100.7')}")`,
        ]);
        expect(spl('evil[.]example')[0]).toBe(
            `(\`passivetotal_index\`) ("evil" OR "2fevil") ("example" OR "example^*" OR "example~*")\n| where match(_raw, "${quoted('evil.example')}")`
        );
        const first = (text: string) => spl(text)[0]?.split('\n')[0];
        expect(first('jane@evil.example')).toBe(
            '(`passivetotal_index`) "jane" ("evil" OR "40evil") ("example" OR "example^*" OR "example~*")'
        );
        expect(first('[2001:DB8::1]:443')).toBe(
            '(`passivetotal_index`) "2001" ("db8" OR "0db8") ("1" OR "1^*" OR "1~*" OR "01" OR "01^*" OR "01~*" OR "001" OR "001^*" OR "001~*" OR "0001" OR "0001^*" OR "0001~*")'
        );
        expect(first('http://evil.example/gate.php')).toBe(
            '(`passivetotal_index`) ("evil" OR "2fevil") "example" ("gate" OR "2fgate") ("php" OR "php^*" OR "php~*")'
        );
    });

    it('fast mode keeps TERM() and the same exact filter', () => {
        expect(spl('198.51.100.7', 'raw', 'fast')).toEqual([
            `(\`passivetotal_index\`) TERM(198.51.100.7)\n| where match(_raw, "${quoted('198.51.100.7')}")`,
        ]);
        expect(spl('evil.example', 'raw', 'fast')[0]?.split('\n')[0]).toBe('(`passivetotal_index`) "evil.example"');
    });

    it('honours a custom index macro', () => {
        expect(localSearches(ind('198.51.100.7'), { indexMacro: 'my_idx' })[0]?.spl).toMatch(/^\(`my_idx`\) \("198/);
    });
});

const TSTATS =
    '| tstats `passivetotal_summariesonly` fillnull_value="-" count min(_time) as first_seen max(_time) as last_seen from datamodel=';
const SCOPE = '(`passivetotal_index`)';

describe('localSearches: CIM mode', () => {
    it('an address is looked up in every data model that holds addresses, in both notations', () => {
        const searches = localSearches(ind('198.51.100.7'), { mode: 'cim' });
        expect(searches.map((s) => s.id)).toEqual([
            'cim-Network_Traffic',
            'cim-Web',
            'cim-Network_Resolution',
            'cim-Email',
            'cim-Certificates',
            'cim-Intrusion_Detection',
        ]);
        // Whole-value fields: looked up exactly and counted without grouping by them (each event once).
        expect(searches[0]?.spl).toBe(
            `${TSTATS}Network_Traffic.All_Traffic where ${SCOPE} (All_Traffic.src IN ("198.51.100.7", "::ffff:198.51.100.7") OR All_Traffic.dest IN ("198.51.100.7", "::ffff:198.51.100.7"))`
        );
        // URLs apart: looked up by containment, grouped, filtered with the rule, summed.
        expect(searches[1]?.spl.split('\n')).toEqual([
            `${TSTATS}Web.Web where ${SCOPE} (Web.src IN ("198.51.100.7", "::ffff:198.51.100.7") OR Web.dest IN ("198.51.100.7", "::ffff:198.51.100.7"))`,
            `| append [${TSTATS}Web.Web where ${SCOPE} Web.url IN ("*198.51.100.7*") NOT (Web.src IN ("198.51.100.7", "::ffff:198.51.100.7") OR Web.dest IN ("198.51.100.7", "::ffff:198.51.100.7")) by Web.url | where match('Web.url', "${quoted('198.51.100.7')}") | stats sum(count) as count min(first_seen) as first_seen max(last_seen) as last_seen]`,
            '| stats sum(count) as count min(first_seen) as first_seen max(last_seen) as last_seen',
        ]);
    });

    it('an IPv6 address is looked up in its notations', () => {
        expect(spl('2001:0DB8:0:0::1', 'cim')[0]).toContain(
            'All_Traffic.src IN ("2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8:0:0:0:0:0:1")'
        );
    });

    it('a domain: names and names below it, URLs, mail domains and certificate names', () => {
        const searches = localSearches(ind('evil.example'), { mode: 'cim' });
        expect(searches.map((s) => s.id)).toEqual([
            'cim-Web',
            'cim-Network_Resolution',
            'cim-Email',
            'cim-Certificates',
        ]);
        expect(searches[1]?.spl).toContain(
            'DNS.query IN ("evil.example", "*.evil.example", "evil.example.", "*.evil.example.") OR DNS.answer IN ("evil.example", "*.evil.example")'
        );
        expect(searches[2]?.spl).toContain('All_Email.src_user IN ("*@evil.example", "*.evil.example")');
    });

    it('a URL, an e-mail address and a certificate each in their own fields', () => {
        expect(spl('hxxps://evil[.]example/login.php', 'cim')[0]).toContain(
            'Web.url IN ("*evil.example/login.php*", "*evil.example%2Flogin.php*") by Web.url'
        );
        expect(spl('Jane@Evil.Example', 'cim')[0]).toContain(
            '(All_Email.src_user IN ("jane@evil.example", "*=jane@evil.example") OR All_Email.recipient IN ("jane@evil.example", "*=jane@evil.example"))'
        );
        expect(spl('e9a6647d6aba52dc47b3838c920c9ee59bad7034', 'cim')[0]).toContain(
            'All_Certificates.SSL.ssl_hash IN ("e9a6647d6aba52dc47b3838c920c9ee59bad7034", "E9:A6:64:7D:6A:BA:52:DC:47:B3:83:8C:92:0C:9E:E5:9B:AD:70:34")'
        );
    });

    it('honours custom macro names for the index scope and the tstats options', () => {
        const [search] = localSearches(ind('jane@evil.example'), {
            mode: 'cim',
            indexMacro: 'my_idx',
            summariesOnlyMacro: 'my_so',
        });
        expect(search?.spl).toMatch(/^\| tstats `my_so` fillnull_value="-" count .* where \(`my_idx`\) /);
    });

    it('a tracker id has no CIM field and falls back to raw events', () => {
        expect(localSearches(ind('UA-61048133-2'), { mode: 'cim' })).toMatchObject([{ id: 'raw', mode: 'raw' }]);
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
                const harmlessText = indicator.type === 'email' ? 'ab@evil.example' : 'http://evil.example/ab';
                const harmless = localSearches(ind(harmlessText), { mode });
                // (a prefilter has one keyword per token of the value, some with alternatives, so AND and OR groups of
                // values count as one value)
                const shape = (text: string): string => {
                    let out = splSkeleton(text);
                    for (let before = ''; before !== out;) {
                        before = out;
                        out = out.replace(/\( VAL \)|VAL( (OR )?VAL)+/g, 'VAL');
                    }
                    return out;
                };
                expect(shape(search.spl)).toBe(shape(harmless.find((h) => h.id === search.id)?.spl ?? ''));
            }
        }
    });
});
