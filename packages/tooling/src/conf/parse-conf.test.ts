import { confToObject, confValue, parseConf } from './parse-conf';

describe('parseConf', () => {
    it('reads stanzas, keys and values with their line numbers', () => {
        const conf = parseConf('# comment\n[ui]\nlabel = PassiveTotal for Splunk\n  is_visible=true  \n', 'app.conf');
        expect(conf.stanzas).toEqual([
            {
                name: 'ui',
                line: 2,
                keys: [
                    { key: 'label', value: 'PassiveTotal for Splunk', line: 3 },
                    { key: 'is_visible', value: 'true', line: 4 },
                ],
            },
        ]);
        expect(conf.problems).toEqual([]);
    });

    it('puts keys before any stanza into [default] and merges a later explicit [default]', () => {
        const conf = parseConf('disabled = 0\n[default]\nindex = main\n[x]\na = 1\n', 'inputs.conf');
        expect(confToObject(conf)).toEqual({ default: { disabled: '0', index: 'main' }, x: { a: '1' } });
        expect(conf.problems).toEqual([]);
    });

    it('joins continued lines with a newline and drops the backslash', () => {
        const conf = parseConf('[s]\nsearch = index=main \\\n| stats count\nnext = 1\n', 'savedsearches.conf');
        expect(confValue(conf, 's', 'search')).toBe('index=main \n| stats count');
        expect(conf.stanzas[0]?.keys[1]).toEqual({ key: 'next', value: '1', line: 4 });
    });

    it('keeps the last value of a duplicate key and reports it', () => {
        const conf = parseConf('[cache]\nenabled = true\nenabled = false\n', 'passivetotal.conf');
        expect(confValue(conf, 'cache', 'enabled')).toBe('false');
        expect(conf.problems.map((p) => [p.kind, p.line])).toEqual([['duplicate-key', 3]]);
        expect(conf.problems[0]?.message).toContain('line 2');
    });

    it('merges a stanza opened twice and reports it', () => {
        const conf = parseConf('[a]\nx = 1\n[b]\n[a]\ny = 2\n', 'x.conf');
        expect(confToObject(conf)).toEqual({ a: { x: '1', y: '2' }, b: {} });
        expect(conf.problems.map((p) => [p.kind, p.line])).toEqual([['duplicate-stanza', 4]]);
    });

    it('keeps # inside values, allows empty values, [] and brackets inside names', () => {
        const conf = parseConf(
            '[]\naccess = read : [ * ]\n[source::...[ab]]\nexport = system # note\nempty =\n',
            'x.meta'
        );
        expect(confToObject(conf)).toEqual({
            '': { access: 'read : [ * ]' },
            'source::...[ab]': { export: 'system # note', empty: '' },
        });
    });

    it('reports lines that are not key = value, and a dangling continuation, without stopping', () => {
        const conf = parseConf('[a]\njust words\nk = v\nlast = x \\', 'x.conf');
        expect(conf.problems.map((p) => [p.kind, p.line])).toEqual([
            ['unterminated-continuation', 4],
            ['malformed-line', 2],
        ]);
        expect(confValue(conf, 'a', 'k')).toBe('v');
    });

    it('handles CRLF line ends and a byte order mark', () => {
        expect(confToObject(parseConf('\uFEFF[a]\r\nk = v\r\n', 'x.conf'))).toEqual({ a: { k: 'v' } });
    });
});
