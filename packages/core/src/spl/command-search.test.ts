import fc from 'fast-check';
import { parseIndicator } from '../indicators/parse-indicator';
import type { Indicator } from '../indicators/indicator';
import { commandSearch } from './command-search';
import { lexSpl } from '../testing/spl-lexer';

function ind(text: string): Indicator {
    const r = parseIndicator(text);
    if (!r.ok) throw new Error(r.reason);
    return r.value;
}

describe('commandSearch', () => {
    it('asks the command about the value the intelligence tabs ask about', () => {
        expect(commandSearch('ptpdns', ind('evil[.]example'))).toBe('| ptpdns query="evil.example"');
        expect(commandSearch('ptssl', ind('hxxps://Evil[.]example/login?a="1"'))).toBe('| ptssl query="evil.example"');
        expect(commandSearch('ptwhois', ind('Jane@Evil.Example'))).toBe('| ptwhois query="jane@evil.example"');
        expect(commandSearch('pttrackers', ind('UA-48213377-1'))).toBe('| pttrackers query="UA-48213377-1"');
    });

    it('keeps any value one quoted argument: one command, no macro, no subsearch', () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 40 }), (tail) => {
                const parsed = parseIndicator(`jane${tail}@evil.example`);
                if (!parsed.ok) return;
                const tokens = lexSpl(commandSearch('ptenrich', parsed.value));
                expect(tokens.filter((t) => t.kind === 'string')).toHaveLength(1);
                expect(tokens.some((t) => t.kind === 'macro' || t.kind === 'error')).toBe(false);
                expect(tokens.filter((t) => t.kind === 'punct' && t.text === '|')).toHaveLength(1);
            }),
            { seed: 18, numRuns: 300 }
        );
    });
});
