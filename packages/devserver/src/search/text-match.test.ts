import { keywordPredicate, termPredicate, valuePredicate } from './text-match';
import { lexiconEntries } from './segmenter';

describe('segmentation (segmenters.conf [default])', () => {
    it('indexes major segments and their minor tokens, lower-cased', () => {
        expect([...lexiconEntries('GET http://Evil.example/a 10.0.0.1:443')]).toEqual([
            'get',
            'http://evil.example/a',
            'http',
            'evil',
            'example',
            'a',
            '10.0.0.1:443',
            '10',
            '0',
            '1',
            '443',
        ]);
    });

    it('breaks at URL-encoded major breakers such as %20 and at --', () => {
        expect([...lexiconEntries('a%20b--c')]).toEqual(['a', 'b', 'c']);
    });
});

describe('TERM() versus keyword', () => {
    const term = termPredicate('10.0.0.1');
    const keyword = keywordPredicate('10.0.0.1');

    it.each([
        ['from 10.0.0.1 to', true, true],
        ['(10.0.0.1)', true, true],
        ['10.0.0.10', false, false],
        ['x10.0.0.1', false, false],
        ['ip=10.0.0.1', false, true],
        ['10.0.0.1:443', false, true],
        ['host/10.0.0.1/x', false, true],
    ])('%s: TERM %s, keyword %s', (raw, termMatches, keywordMatches) => {
        expect(term(raw)).toBe(termMatches);
        expect(keyword(raw)).toBe(keywordMatches);
    });

    it('ignores case for both', () => {
        expect(termPredicate('EVIL.example')('see evil.EXAMPLE now')).toBe(true);
        expect(keywordPredicate('Error')('an ERROR occurred')).toBe(true);
    });

    it('lets a keyword that begins with a breaker match inside a token', () => {
        expect(keywordPredicate('.example.com')('www.example.com')).toBe(true);
    });
});

describe('wildcards', () => {
    it('matches within a segment but not across major breakers', () => {
        expect(keywordPredicate('fail*')('login failed')).toBe(true);
        expect(keywordPredicate('10.0.*')('src=10.0.3.4')).toBe(true);
        expect(keywordPredicate('*.example.com')('src=www.example.com')).toBe(true);
        expect(keywordPredicate('foo*bar')('foo and bar')).toBe(false);
    });

    it('matches whole field values, ignoring case', () => {
        expect(valuePredicate('10.9.165.*')('10.9.165.8')).toBe(true);
        expect(valuePredicate('localhost')('LocalHost')).toBe(true);
        expect(valuePredicate('local')('localhost')).toBe(false);
    });
});
