import fc from 'fast-check';
import {
    agg,
    and,
    call,
    eq,
    evalCmd,
    fieldRef,
    headCmd,
    isIn,
    literalRegex,
    macro,
    mvexpandCmd,
    neq,
    not,
    or,
    pattern,
    phrase,
    pipeline,
    renameCmd,
    searchCmd,
    searchString,
    sortCmd,
    statsCmd,
    str,
    tableCmd,
    fieldsCmd,
    term,
    tstatsCmd,
    whereCmd,
    num,
    binary,
} from './ast';
import {
    canUseTerm,
    compile,
    compileEvalExpr,
    compileSearchExpr,
    hasMajorBreaker,
    needsExactFilter,
    sanitizeIdentifier,
} from './compiler';
import { lexSpl, splSkeleton } from '../testing/spl-lexer';

/** What a quoted search value can express: `*`, backtick and control characters become `*`. */
// eslint-disable-next-line no-control-regex
const widened = (v: string): string => v.replace(/[*`\u0000-\u001f\u007f]/g, '*');

/** Evaluates a compiled eval string expression: "…" literals, urldecode("%XX") and `.` concatenation. */
function evalStringValue(text: string): string {
    const tokens = lexSpl(text);
    let out = '';
    for (let i = 0; i < tokens.length; i += 1) {
        const t = tokens[i]!;
        if (t.kind === 'string') out += t.value;
        else if (t.kind === 'word' && t.text === 'urldecode') {
            const arg = tokens[i + 2];
            if (arg?.kind !== 'string') throw new Error('bad urldecode');
            out += decodeURIComponent(arg.value);
            i += 3;
        } else if (!(t.kind === 'word' && t.text === '.') && !(t.kind === 'punct' && '()'.includes(t.text))) {
            throw new Error(`unexpected token ${JSON.stringify(t)} in ${text}`);
        }
    }
    return out;
}

const INJECTIONS = [
    '" OR index=* | delete',
    '\\" | delete',
    'a\\',
    '\\',
    '"',
    '[search index=_audit]',
    '`evil_macro`',
    'x\n| delete',
    'OR',
    'NOT',
    'a OR b',
    'x=y',
    'TERM(x)',
    '*',
    'évil.例え',
    ') OR (index=*',
    "' OR '",
    '$token$',
];

/** Every string, with a bias towards SPL's special characters. */
const anyValue = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({
        unit: fc.constantFrom(
            '"',
            '\\',
            '|',
            '[',
            ']',
            '`',
            '*',
            '=',
            '(',
            ')',
            ' ',
            '\n',
            'O',
            'R',
            'N',
            'T',
            'a',
            '.'
        ),
        maxLength: 30,
    }),
    fc.constantFrom(...INJECTIONS)
);

const RUNS = { seed: 424242, numRuns: 500 };

describe('compiler: exact text', () => {
    it('uses TERM() only for values without major breakers', () => {
        expect(compileSearchExpr(term('198.51.100.7'))).toBe('TERM(198.51.100.7)');
        expect(compileSearchExpr(term('2001:db8::1'))).toBe('TERM(2001:db8::1)');
        expect(compileSearchExpr(term('jane@evil.example'))).toBe('TERM(jane@evil.example)');
        expect(compileSearchExpr(term('a?b'))).toBe('"a?b"');
        expect(compileSearchExpr(term('a--b'))).toBe('"a--b"');
        expect(compileSearchExpr(term('a%20b'))).toBe('"a%20b"');
        expect(compileSearchExpr(term('OR'))).toBe('"OR"');
        expect(compileSearchExpr(term('a b'))).toBe('"a b"');
    });

    it('escapes backslashes and quotes in phrases and widens what cannot be literal', () => {
        expect(compileSearchExpr(phrase('a"b\\c'))).toBe('"a\\"b\\\\c"');
        expect(compileSearchExpr(phrase('a*b`c\nd'))).toBe('"a*b*c*d"');
        expect(compileSearchExpr(pattern('', '.evil.example'))).toBe('"*.evil.example"');
        expect(compileSearchExpr(pattern('a*', 'b'))).toBe('"a**b"');
    });

    it('parenthesises by precedence and macros next to other terms', () => {
        const expr = and(
            macro('passivetotal_index'),
            or(term('a.b'), phrase('c d')),
            not(or(eq('x', '1'), neq('y', '2')))
        );
        expect(compileSearchExpr(expr)).toBe('(`passivetotal_index`) (TERM(a.b) OR "c d") NOT (x="1" OR y!="2")');
        expect(compileSearchExpr(macro('m'))).toBe('`m`');
        expect(compileSearchExpr(macro('m', 'a,b', 'c`d'))).toBe('`m("a_b","c_d")`');
        expect(compileSearchExpr(isIn('f', ['a', 'b"']))).toBe('f IN ("a", "b\\"")');
        expect(compileSearchExpr(isIn('f', []))).toBe('NOT *');
        expect(compileSearchExpr(and(term('a.b'), or()))).toBe('TERM(a.b) (NOT *)');
        expect(compileSearchExpr(and())).toBe('*');
    });

    it('compiles eval expressions', () => {
        expect(compileEvalExpr(call('match', fieldRef('_raw'), literalRegex('a.b"c`d')))).toBe(
            'match(_raw, "(?i)a\\\\.b\\\\x22c\\\\x60d")'
        );
        expect(
            compileEvalExpr(
                call('match', fieldRef('Web.url'), literalRegex('x', { anchored: true, ignoreCase: false }))
            )
        ).toBe('match(\'Web.url\', "^x$")');
        expect(compileEvalExpr(call('searchmatch', searchString(phrase('a"b'))))).toBe(
            'searchmatch("\\"a\\\\\\"b\\"")'
        );
        expect(compileEvalExpr(str('a`b'))).toBe('("a" . urldecode("%60") . "b")');
        expect(
            compileEvalExpr(
                binary('AND', binary('==', fieldRef('a'), num(1)), binary('>', fieldRef('b'), num(Number.NaN)))
            )
        ).toBe('(a == 1) AND (b > 0)');
    });

    it('compiles every command', () => {
        const p = pipeline(
            tstatsCmd({
                optionsMacro: macro('passivetotal_summariesonly'),
                aggregations: [agg('count'), agg('min', '_time', 'first_seen')],
                datamodel: 'Web',
                dataset: 'Web',
                where: eq('Web.url', 'x'),
                by: ['Web.url'],
            }),
            evalCmd({ field: 'a', expr: str('b') }, { field: 'c', expr: num(2) }),
            whereCmd(call('isnotnull', fieldRef('a'))),
            statsCmd([agg('count'), agg('values', 'index', 'indexes')], ['a']),
            mvexpandCmd('a'),
            sortCmd({ field: 'count', descending: true }, { field: 'a', descending: false }),
            headCmd(10.7),
            tableCmd('a', 'count'),
            fieldsCmd(['x'], true),
            renameCmd({ from: 'a', to: 'b' }),
            searchCmd(term('z.z'))
        );
        expect(compile(p)).toBe(
            [
                '| tstats `passivetotal_summariesonly` count min(_time) as first_seen from datamodel=Web.Web where Web.url="x" by Web.url',
                '| eval a="b", c=2',
                '| where isnotnull(a)',
                '| stats count values(index) as indexes by a',
                '| mvexpand a',
                '| sort 0 -count +a',
                '| head 10',
                '| table a count',
                '| fields - x',
                '| rename a as b',
                '| search TERM(z.z)',
            ].join('\n')
        );
        expect(compile(pipeline(headCmd(1)))).toBe('*\n| head 1');
    });

    it('sanitises identifiers it is given', () => {
        expect(sanitizeIdentifier('All_Traffic.src')).toBe('All_Traffic.src');
        expect(sanitizeIdentifier('a b|c"d`e[f')).toBe('a_b_c_d_e_f');
        expect(sanitizeIdentifier('1x')).toBe('_1x');
        expect(sanitizeIdentifier('')).toBe('_');
    });

    it('knows the major breakers of segmenters.conf [default]', () => {
        for (const v of [
            'a[b',
            'a]b',
            'a<b',
            'a>b',
            'a(b',
            'a)b',
            'a{b',
            'a}b',
            'a|b',
            'a!b',
            'a;b',
            'a,b',
            "a'b",
            'a"b',
            'a*b',
            'a\nb',
            'a b',
            'a\tb',
            'a&b',
            'a?b',
            'a+b',
            'a%2Cb',
            'a--b',
            'a%3ab',
        ]) {
            expect(hasMajorBreaker(v)).toBe(true);
        }
        for (const v of ['a.b', 'a/b', 'a:b', 'a=b', 'a@b', 'a-b', 'a_b', 'a$b', 'a#b', 'a%b']) {
            expect(hasMajorBreaker(v)).toBe(false);
        }
        expect(canUseTerm('a=b')).toBe(false);
        expect(canUseTerm('a$b')).toBe(false);
        expect(needsExactFilter('a*b')).toBe(true);
        expect(needsExactFilter('a?b')).toBe(false);
    });
});

describe('compiler: no value can change the meaning of a search (property-based)', () => {
    it('a phrase is exactly one quoted string holding the (widened) value', () => {
        fc.assert(
            fc.property(anyValue, (v) => {
                expect(lexSpl(compileSearchExpr(phrase(v)))).toEqual([{ kind: 'string', value: widened(v) }]);
            }),
            RUNS
        );
    });

    it('TERM() is used only for safe values, otherwise one quoted string', () => {
        fc.assert(
            fc.property(anyValue, (v) => {
                const tokens = lexSpl(compileSearchExpr(term(v)));
                expect(tokens).toHaveLength(1);
                const t = tokens[0]!;
                if (t.kind === 'term') {
                    expect(t.value).toBe(v);
                    expect(canUseTerm(v)).toBe(true);
                    expect(v).toMatch(/^[A-Za-z0-9._:@/#-]+$/);
                } else {
                    expect(t).toEqual({ kind: 'string', value: widened(v) });
                }
            }),
            RUNS
        );
    });

    it('a pattern keeps its literal parts and adds only the intended wildcards', () => {
        fc.assert(
            fc.property(fc.array(anyValue, { minLength: 1, maxLength: 3 }), (parts) => {
                expect(lexSpl(compileSearchExpr(pattern(...parts)))).toEqual([
                    { kind: 'string', value: parts.map(widened).join('*') },
                ]);
            }),
            RUNS
        );
    });

    it('eval strings evaluate back to the exact value', () => {
        fc.assert(
            fc.property(anyValue, (v) => {
                const text = compileEvalExpr(str(v));
                expect(evalStringValue(text)).toBe(v);
                expect(lexSpl(text).filter((t) => t.kind === 'macro' || t.kind === 'error')).toEqual([]);
            }),
            RUNS
        );
    });

    it('searchmatch() strings hold exactly one value token', () => {
        fc.assert(
            fc.property(anyValue, (v) => {
                const inner = evalStringValue(compileEvalExpr(searchString(term(v))));
                expect(splSkeleton(inner)).toBe('VAL');
            }),
            RUNS
        );
    });

    it('literal regexes match the value and, anchored, only the value', () => {
        fc.assert(
            fc.property(anyValue, (v) => {
                const source = evalStringValue(compileEvalExpr(literalRegex(v, { anchored: true, ignoreCase: false })));
                const re = new RegExp(source);
                expect(re.test(v)).toBe(true);
                expect(re.test(`${v}x`)).toBe(false);
                expect(source).not.toMatch(/["`\n]/);
            }),
            RUNS
        );
    });

    it('a whole pipeline has the same structure whatever the values are', () => {
        const build = (v: string): string =>
            compile(
                pipeline(
                    searchCmd(
                        and(
                            macro('passivetotal_index'),
                            or(term(v), phrase(v), eq('src', v), isIn('dest', [v, v])),
                            not(pattern(v, v))
                        )
                    ),
                    evalCmd({
                        field: 'pt',
                        expr: call('if', call('searchmatch', searchString(term(v))), str('0'), call('null')),
                    }),
                    whereCmd(call('match', fieldRef('_raw'), literalRegex(v))),
                    statsCmd([agg('count')], ['pt'])
                )
            );
        const reference = splSkeleton(build('x'));
        fc.assert(
            fc.property(
                // eslint-disable-next-line no-control-regex
                anyValue.filter((v) => !/[`\u0000-\u001f\u007f]/.test(v)),
                (v) => {
                    const text = build(v);
                    expect(splSkeleton(text)).toBe(reference);
                    expect(text.split('\n')).toHaveLength(4);
                }
            ),
            RUNS
        );
        // Backticks and control characters in eval strings become urldecode() pieces: still no macro, no new line.
        for (const v of ['a`b', '`x`', 'a\nb']) {
            const text = build(v);
            expect(lexSpl(text).flatMap((t) => (t.kind === 'macro' ? [t.name] : []))).toEqual(['passivetotal_index']);
            expect(text.split('\n')).toHaveLength(4);
        }
    });

    it.each(INJECTIONS)('injection %j stays a value', (v) => {
        const text = compileSearchExpr(and(macro('passivetotal_index'), or(term(v), eq('url', v))));
        expect(splSkeleton(text)).toBe('( `passivetotal_index` ) ( VAL OR url = VAL )');
        expect(text).not.toContain('\n');
    });
});
