import fc from 'fast-check';
import { parseIndicator } from '../indicators/parse-indicator';
import type { Indicator } from '../indicators/indicator';
import { MAX_SIGHTING_CANDIDATES, readSightings, sightingsSearch } from './sightings';
import { splSkeleton } from './spl-lexer';

function ind(text: string): Indicator {
    const r = parseIndicator(text);
    if (!r.ok) throw new Error(r.reason);
    return r.value;
}

describe('sightingsSearch', () => {
    it('builds one search for all candidates (exact text)', () => {
        const r = sightingsSearch([
            ind('198.51.100.7'),
            ind('evil.example'),
            ind('http://evil.example/a*b'),
            ind('198.51.100.7'),
        ]);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.spl).toBe(
            [
                '(`passivetotal_index`) (TERM(198.51.100.7) OR "evil.example" OR "evil.example/a*b")',
                '| eval pt_candidate=mvappend(if(searchmatch("TERM(198.51.100.7)"), "0", null()), if(searchmatch("\\"evil.example\\""), "1", null()), if(match(_raw, "(?i)evil\\\\.example\\\\/a\\\\*b"), "2", null()))',
                '| mvexpand pt_candidate',
                '| stats count min(_time) as first_seen max(_time) as last_seen values(index) as indexes values(sourcetype) as sourcetypes by pt_candidate',
            ].join('\n')
        );
        expect(r.value.candidates.map((c) => c.value)).toEqual([
            '198.51.100.7',
            'evil.example',
            'http://evil.example/a*b',
        ]);
    });

    it('refuses an empty list and more than the maximum', () => {
        expect(sightingsSearch([])).toEqual({
            ok: false,
            reason: 'there are no candidates to look for',
            expected: 'at least one indicator',
        });
        const many = Array.from({ length: MAX_SIGHTING_CANDIDATES + 1 }, (_, i) =>
            ind(`10.0.${Math.floor(i / 256)}.${i % 256}`)
        );
        const r = sightingsSearch(many);
        expect(r.ok).toBe(false);
        expect(sightingsSearch(many.slice(0, MAX_SIGHTING_CANDIDATES)).ok).toBe(true);
    });

    it('keeps its structure whatever the candidate values are', () => {
        const shape = (c: Indicator[]): string => {
            const r = sightingsSearch(c);
            return r.ok ? splSkeleton(r.value.spl) : '';
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
