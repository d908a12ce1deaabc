import { RegexPrefilter } from './literal-scan';
import { compileSplRegex } from './pcre-regex';
import { SplError } from './spl-error';
import { runSearch } from './spl-pipeline';
import { TEST_NOW, event, storeOf } from './test-events';

const store = storeOf(
    event('GET http://evil.example/a from 10.0.0.1', { _time: TEST_NOW - 10 }),
    event('lookup EVIL.EXAMPLE answer 1.2.3.4', { _time: TEST_NOW - 20 }),
    event('GET http://notevil.example/b from 10.0.0.2', { _time: TEST_NOW - 30 }),
    event('call f(x) = 42; price $3.50', { _time: TEST_NOW - 40 })
);
const raws = (spl: string): string[] => runSearch(store, spl, { now: TEST_NOW }).results.map((r) => String(r._raw));
const failure = (spl: string): { code: string; message: string } => {
    try {
        runSearch(store, spl, { now: TEST_NOW });
    } catch (e) {
        if (e instanceof SplError) return { code: e.code, message: e.message };
        throw e;
    }
    throw new Error(`ran: ${spl}`);
};

describe('regular expressions follow PCRE where it differs from JavaScript', () => {
    it.each([
        ['(?<=a+)b'],
        ['(?<!ab?)c'],
        ['(?<=x*)y'],
        ['(?<=a{2,3})b'],
        ['(?<=ab(c|de))x'],
        ['(?<=(?:ab|c))x'],
        ['(?<=a(?<=b+))c'],
        ['(?<=\\1)x'],
    ])('refuses the variable-length lookbehind %s as PCRE does', (pattern) => {
        expect(failure(`* | where match(_raw, "${pattern}")`)).toEqual({
            code: 'runtime',
            message: "Error in 'where' command: Regex: lookbehind assertion is not fixed length",
        });
    });

    it('refuses it in eval, replace and mvfind too', () => {
        expect(failure('* | eval x=if(match(_raw, "(?<![a-z]+)evil"), 1, 0)').message).toBe(
            "Error in 'eval' command: Regex: lookbehind assertion is not fixed length"
        );
        expect(failure('* | eval x=replace(_raw, "(?<=a|bc?)d", "")').message).toBe(
            "Error in 'eval' command: Regex: lookbehind assertion is not fixed length"
        );
        expect(failure('* | eval x=mvfind(split(_raw, " "), "(?<=\\w+)x")').message).toBe(
            "Error in 'eval' command: Regex: lookbehind assertion is not fixed length"
        );
    });

    it('keeps fixed-length lookbehinds: alternatives of different fixed lengths, {n}, classes and escapes', () => {
        expect(raws('* | where match(_raw, "(?<![A-Za-z0-9.-])evil\\.example(?![A-Za-z0-9.-])")')).toEqual([
            'GET http://evil.example/a from 10.0.0.1',
        ]);
        expect(raws('* | where match(_raw, "(?i)(?<![\\w.-])evil\\.example(?![\\w.-])")')).toEqual([
            'GET http://evil.example/a from 10.0.0.1',
            'lookup EVIL.EXAMPLE answer 1.2.3.4',
        ]);
        expect(raws('* | where match(_raw, "(?<=//|lookup )(?:evil|EVIL)")')).toHaveLength(2);
        expect(raws('* | where match(_raw, "(?<=\\d{1,1}\\.\\d\\.\\d\\.)1\\b")')).toHaveLength(1);
        expect(raws('* | where match(_raw, "(?<=f\\(x\\) = )42")')).toHaveLength(1);
        expect(raws('* | where match(_raw, "(?<=\\$\\d\\.)50")')).toHaveLength(1);
        expect(raws('* | where match(_raw, "(?i)(?<=[a-z]{2}(?:il|xx)\\.)example")')).toHaveLength(3);
        expect(raws('* | where match(_raw, "(?<=ab|c(?:d|e)f)x") OR true()')).toHaveLength(4);
    });

    it('still reads a leading (?i) as case-insensitive', () => {
        expect(raws('* | where match(_raw, "(?i)^lookup evil")')).toEqual(['lookup EVIL.EXAMPLE answer 1.2.3.4']);
        expect(raws('* | where match(_raw, "^lookup evil")')).toEqual([]);
    });

    it('fails with PCRE’s message for escapes PCRE does not have', () => {
        expect(failure('* | where match(_raw, "\\u0041")').message).toBe(
            "Error in 'where' command: Regex: PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u"
        );
    });

    it.each([['\\A'], ['\\z'], ['\\h'], ['\\Qa.b\\E'], ['[[:alpha:]]'], ['[]a]'], ['\\x{41}'], ['\\p{L}']])(
        'refuses %s, which JavaScript would read differently from PCRE',
        (pattern) => {
            const { code, message } = failure(`* | where match(_raw, "${pattern}")`);
            expect(code).toBe('unsupported-argument');
            expect(message).toMatch(
                /^Error in 'where' command: Regex: '.+' is not supported by the stand-in: PCRE and JavaScript read it differently\.$/
            );
        }
    );
});

describe('., $ and \\s read as PCRE reads them', () => {
    const texts = storeOf(
        event('foo\rbar', { _time: TEST_NOW - 1 }),
        event('ends with a newline\n', { _time: TEST_NOW - 2 }),
        event('a\u00a0b', { _time: TEST_NOW - 3 }),
        event('a\tb', { _time: TEST_NOW - 4 })
    );
    const matching = (pattern: string): string[] =>
        runSearch(texts, `* | where match(_raw, "${pattern}")`, { now: TEST_NOW }).results.map((r) => String(r._raw));

    it('. matches \\r but not \\n', () => {
        expect(matching('foo.bar')).toEqual(['foo\rbar']);
        expect(matching('newline.')).toEqual([]);
    });

    it('$ matches at the end and before a final newline', () => {
        expect(matching('newline$')).toEqual(['ends with a newline\n']);
        expect(matching('bar$')).toEqual(['foo\rbar']);
    });

    it('\\s is ASCII white space only', () => {
        expect(matching('a\\sb')).toEqual(['a\tb']);
        expect(matching('a\\Sb')).toEqual(['a\u00a0b']);
        expect(matching('a[^\\s]b')).toEqual(['a\u00a0b']);
    });
});

describe('compiled regular expressions', () => {
    it('compiles each distinct pattern once', () => {
        expect(compileSplRegex('(?i)evil\\.example')).toBe(compileSplRegex('(?i)evil\\.example'));
        expect(compileSplRegex('evil', 'g')).not.toBe(compileSplRegex('evil'));
    });

    it('finds the literal every match needs, and none where there is no such literal', () => {
        const literals = (pattern: string): readonly string[] => compileSplRegex(pattern).requiredLiterals;
        expect(literals('(?i)(?<![\\w.-])Evil\\.Example(?![\\w.-])')).toEqual(['evil.example']);
        expect(literals('foo\\.bar{2}baz')).toEqual(['foo.barrbaz']);
        expect(literals('ab+c')).toEqual(['ab']);
        expect(literals('a?bc')).toEqual(['bc']);
        expect(literals('x\\x2ey')).toEqual(['x.y']);
        expect(literals('evil|good')).toEqual(['evil', 'good']);
        expect(literals('(?i)(?:(?<![a-z])Evil\\.com(?![a-z])|\\(4\\)evil\\(3\\)com)')).toEqual([
            'evil.com',
            '(4)evil(3)com',
        ]);
        expect(literals('x(?:ab|c)?yz')).toEqual(['yz']);
        expect(literals('evil|g')).toEqual(['evil', 'g']);
        expect(literals('evil|\\d+')).toEqual([]);
        expect(literals('(a+)(?<=\\w{2})')).toEqual(['a']);
    });

    it('gives the same answers as running the regex alone', () => {
        const patterns = [
            '(?i)evil\\.example',
            'evil\\.example',
            '(?i)(?<![\\w.-])evil\\.example(?![\\w.-])',
            '^GET http',
            'a?bc',
            'ab+c',
            'x{2}y',
            '(?i)strasse',
            '(?i)k',
            '\\x2e50',
            '(evil|good)\\.example',
            '(?i)(?:(?<![a-z])EVIL\\.example|\\(4\\)evil)',
            'x(?:ab|c)?yz|STRASSE',
        ];
        const texts = [
            'GET http://Evil.Example/x',
            'EVIL.EXAMPLE',
            'xevil.example',
            'abbbc bc xxy',
            'STRASSE straße',
            '\u212a kelvin sign',
            '\u0130stanbul \u017ftrasse',
            'price $3.50',
            'good.example',
            '',
        ];
        for (const pattern of patterns) {
            const compiled = compileSplRegex(pattern);
            const plain = new RegExp(pattern.replace(/^\(\?i\)/, ''), pattern.startsWith('(?i)') ? 'i' : '');
            for (const text of texts)
                expect([pattern, text, compiled.test(text)]).toEqual([pattern, text, plain.test(text)]);
        }
    });
});

describe("the app's local searches with match()", () => {
    const many = storeOf(
        ...Array.from({ length: 30 }, (_, i) =>
            event(`GET http://host${i % 7}.example/p${i} from 10.0.0.${i}`, {
                _time: TEST_NOW - 100 + i,
                index: i % 2 === 0 ? 'proxy' : 'web',
                sourcetype: i % 3 === 0 ? 'squid' : 'bluecoat',
            })
        ),
        event('unrelated', { _time: TEST_NOW - 5, index: 'proxy' })
    );
    const run = (spl: string): Record<string, string | string[]>[] => runSearch(many, spl, { now: TEST_NOW }).results;

    it('where match() after a base search, then head N: the N newest matches', () => {
        const rows = run(
            'index=proxy OR index=web | where match(_raw, "(?i)(?<![\\w.-])HOST3\\.example(?![\\w.-])") | head 2'
        );
        expect(rows.map((r) => r._raw)).toEqual([
            'GET http://host3.example/p24 from 10.0.0.24',
            'GET http://host3.example/p17 from 10.0.0.17',
        ]);
    });

    it('eval mvappend(if(match(...))) + mvexpand + stats by candidate', () => {
        const labels = Array.from(
            { length: 7 },
            (_, i) => `if(match(_raw, "(?<![\\w.-])host${i}\\.example(?![\\w.-])"), "${i}", null())`
        ).join(', ');
        const rows = run(
            `index=proxy OR index=web | eval pt_candidate=mvappend(${labels}) | mvexpand pt_candidate | stats count min(_time) as first_seen max(_time) as last_seen values(index) as indexes values(sourcetype) as sourcetypes by pt_candidate`
        );
        expect(rows.map((r) => [r.pt_candidate, r.count])).toEqual([
            ['0', '5'],
            ['1', '5'],
            ['2', '4'],
            ['3', '4'],
            ['4', '4'],
            ['5', '4'],
            ['6', '4'],
        ]);
        expect(rows[3]).toEqual({
            pt_candidate: '3',
            count: '4',
            first_seen: String(TEST_NOW - 100 + 3),
            last_seen: String(TEST_NOW - 100 + 24),
            indexes: ['proxy', 'web'],
            sourcetypes: ['bluecoat', 'squid'],
        });
    });

    it('an event matching two candidates counts for both; one matching none is dropped by mvexpand', () => {
        const two = storeOf(
            event('a.example and b.example', { _time: TEST_NOW - 2 }),
            event('only a.example', { _time: TEST_NOW - 3 }),
            event('neither', { _time: TEST_NOW - 4 })
        );
        const spl =
            '* | eval pt_candidate=mvappend(if(match(_raw, "a\\.example"), "0", null()), if(match(_raw, "b\\.example"), "1", null())) | mvexpand pt_candidate | stats count by pt_candidate';
        expect(runSearch(two, spl, { now: TEST_NOW }).results).toEqual([
            { pt_candidate: '0', count: '2' },
            { pt_candidate: '1', count: '1' },
        ]);
        expect(runSearch(two, spl.replace(/ \| stats.*/, ''), { now: TEST_NOW }).results).toHaveLength(3);
    });
});

describe('the shared literal pre-check of many regexes', () => {
    it('agrees with looking each literal up on its own', () => {
        let seed = 7;
        const random = (n: number): number => {
            seed = (seed * 1103515245 + 12345) % 2147483648;
            return seed % n;
        };
        const alphabet = 'abAB.-(';
        const word = (length: number): string =>
            Array.from({ length }, () => alphabet.charAt(random(alphabet.length))).join('');
        const prefilter = new RegexPrefilter();
        const regexes = Array.from({ length: 60 }, (_, i) => {
            const escaped = word(1 + random(4)).replace(/[.()-]/g, (c) => `\\${c}`);
            const pattern = i % 3 === 0 ? `(?i)${escaped}` : i % 3 === 1 ? escaped : `${escaped}|x${escaped}`;
            const re = compileSplRegex(pattern);
            return { re, check: prefilter.register(re) };
        });
        for (let n = 0; n < 300; n++) {
            const text = word(random(30));
            for (const { re, check } of regexes) {
                expect([re.regex.source, text, check(text)]).toEqual([re.regex.source, text, re.mayMatch(text)]);
                expect(re.regex.test(text) ? check(text) : true).toBe(true);
            }
        }
    });

    it('takes in a regex registered after texts were scanned', () => {
        const prefilter = new RegexPrefilter();
        const evil = prefilter.register(compileSplRegex('(?i)evil\\.example'));
        expect(evil('GET EVIL.example')).toBe(true);
        const good = prefilter.register(compileSplRegex('(?i)good\\.example'));
        expect(good('GET EVIL.example')).toBe(false);
        expect(good('GET good.EXAMPLE')).toBe(true);
        expect(evil('GET good.EXAMPLE')).toBe(false);
    });
});
