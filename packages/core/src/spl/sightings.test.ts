import fc from 'fast-check';
import { parseIndicator } from '../indicators/parse-indicator';
import type { Indicator } from '../indicators/indicator';
import { matchRule } from './matching';
import { planSightings, readSightings, sightingsSearch } from './sightings';
import { splSkeleton } from '../testing/spl-lexer';
import { parsedIndicator as ind } from '../testing';

describe('sightingsSearch', () => {
    it('builds one search for all candidates, every type counted by its rule', () => {
        const candidates = [
            ind('198.51.100.7'),
            ind('evil.example'),
            ind('http://evil.example/a*b'),
            ind('UA-61048133-2'),
            ind('198.51.100.7'),
        ];
        const r = sightingsSearch(candidates);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const test = (i: number, value: string) =>
            `if(match(_raw, "${matchRule(ind(value)).pattern.replace(/\\/g, '\\\\')}"), "${i}", null())`;
        expect(r.value.spl).toBe(
            [
                '(`passivetotal_index`) ("198.51.100.7" OR "198.51.100.7^*" OR "198.51.100.7~*" OR "%2F198.51.100.7" OR (("evil" OR "2fevil") ("example" OR "example^*" OR "example~*")) OR (("evil" OR "2fevil") "example" ("a" OR "2fa") ("b" OR "b^*" OR "b~*")) OR (("ua" OR "2fua") "61048133" ("2" OR "2^*" OR "2~*")))',
                `| eval pt_candidate=mvappend(${test(0, '198.51.100.7')}, ${test(1, 'evil.example')}, ${test(2, 'http://evil.example/a*b')}, ${test(3, 'UA-61048133-2')})`,
                '| mvexpand pt_candidate',
                '| stats count min(_time) as first_seen max(_time) as last_seen values(index) as indexes values(sourcetype) as sourcetypes by pt_candidate',
            ].join('\n')
        );
        expect(r.value.mode).toBe('raw');
        expect(r.value.candidates.map((c) => c.value)).toEqual([
            '198.51.100.7',
            'evil.example',
            'http://evil.example/a*b',
            'UA-61048133-2',
        ]);
    });

    it('fast mode prefilters with TERM()', () => {
        const r = sightingsSearch([ind('198.51.100.7'), ind('evil.example')], { match: 'fast' });
        expect(r.ok && r.value.spl.split('\n')[0]).toBe(
            '(`passivetotal_index`) (TERM(198.51.100.7) OR "evil.example")'
        );
    });

    it('refuses an empty list and more than the maximum', () => {
        expect(sightingsSearch([])).toEqual({
            ok: false,
            reason: 'there are no candidates to look for',
            expected: 'at least one indicator',
        });
        const many = Array.from({ length: 11 }, (_, i) => ind(`10.0.0.${i}`));
        expect(sightingsSearch(many, { maxCandidates: 10 }).ok).toBe(false);
        expect(sightingsSearch(many.slice(0, 10), { maxCandidates: 10 }).ok).toBe(true);
    });

    it('CIM mode: one tstats per data model, tracker ids in raw events, joined with append and summed', () => {
        const r = sightingsSearch([ind('198.51.100.7'), ind('jane@evil.example'), ind('UA-61048133-2')], {
            mode: 'cim',
        });
        if (!r.ok) throw new Error(r.reason);
        expect(r.value.mode).toBe('cim');
        const lines = r.value.spl.split('\n');
        expect(lines[0]).toMatch(
            /^\| tstats `passivetotal_summariesonly` fillnull_value="-" count .* from datamodel=Network_Traffic\.All_Traffic /
        );
        // Network_Traffic, then Web, DNS (and its answers apart), Email (and its recipients apart), Certificates, IDS
        // and the raw leg appended, then one sum.
        expect(lines.filter((l) => l.startsWith('| append ['))).toHaveLength(8);
        expect(lines.at(-1)).toBe(
            '| stats sum(count) as count min(first_seen) as first_seen max(last_seen) as last_seen values(indexes) as indexes values(sourcetypes) as sourcetypes by pt_candidate'
        );
        expect(r.value.spl).toContain(
            '| append [(`passivetotal_index`) ("ua" OR "2fua") "61048133" ("2" OR "2^*" OR "2~*") | eval pt_candidate='
        );
        // A recipient counts only where the sender does not already hold the candidate (each message once).
        expect(r.value.spl).toMatch(
            /by All_Email\.recipient All_Email\.src All_Email\.dest All_Email\.src_user index sourcetype \| eval pt_candidate=mvappend\(if\(match\('All_Email\.src_user', .*?\), null\(\), if\(match\('All_Email\.recipient'/
        );
    });

    it('keeps its structure whatever the candidate values are', () => {
        // (a prefilter has one keyword per token of the value, so runs of values count as one)
        const shape = (c: Indicator[]): string => {
            const r = sightingsSearch(c);
            if (!r.ok) return '';
            let out = splSkeleton(r.value.spl);
            for (let before = ''; before !== out;) {
                before = out;
                out = out.replace(/\( VAL \)|VAL( (OR )?VAL)+/g, 'VAL');
            }
            return out;
        };
        const reference = shape([ind('http://evil.example/x'), ind('evil.example')]);
        fc.assert(
            fc.property(
                fc.string({
                    unit: fc.constantFrom('"', '\\', '|', '[', ']', '=', '(', ')', 'O', 'R', 'a', '/', '?'),
                    maxLength: 20,
                }),
                (path) => {
                    const url = parseIndicator(`http://evil.example/${path}`);
                    if (!url.ok) return;
                    expect(shape([url.value, ind('evil.example')])).toBe(reference);
                }
            ),
            { seed: 99, numRuns: 300 }
        );
    });
});

describe('planSightings', () => {
    it('counts the first candidates up to the limit and says why the rest are not counted', () => {
        const list = ['198.51.100.1', '198.51.100.2', '198.51.100.1', '198.51.100.3'].map(ind);
        const plan = planSightings(list, { maxCandidates: 2 });
        expect(plan.search?.candidates.map((c) => c.value)).toEqual(['198.51.100.1', '198.51.100.2']);
        expect(plan.uncounted).toEqual([
            {
                indicator: list[3],
                reason: 'not counted: 3 related values, and the limit of one search is 2 (max_sighting_candidates)',
            },
        ]);
        expect(planSightings([], {})).toEqual({ uncounted: [] });
        expect(planSightings(list, { maxCandidates: 0 }).search).toBeUndefined();
    });
});

describe('readSightings', () => {
    it('maps rows back to candidates and gives unseen candidates 0', () => {
        const r = sightingsSearch([ind('198.51.100.7'), ind('evil.example')]);
        if (!r.ok) throw new Error(r.reason);
        const result = readSightings(r.value, [
            {
                pt_candidate: '1',
                count: '3',
                first_seen: '1700000000',
                last_seen: '1700000300',
                indexes: ['main', 'proxy'],
                sourcetypes: 'squid',
            },
            { pt_candidate: '9', count: '1' },
            { pt_candidate: 'x', count: '1' },
        ]);
        expect(result).toEqual([
            { indicator: r.value.candidates[0], count: 0, indexes: [], sourcetypes: [] },
            {
                indicator: r.value.candidates[1],
                count: 3,
                firstSeen: 1700000000,
                lastSeen: 1700000300,
                indexes: ['main', 'proxy'],
                sourcetypes: ['squid'],
            },
        ]);
    });
});
