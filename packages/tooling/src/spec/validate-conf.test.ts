import { parseConf } from '../conf/parse-conf';
import { compileSpecPattern } from './spec-pattern';
import { parseSpec } from './parse-spec';
import type { LoadedSpec } from './spec-set';
import { validateConf } from './validate-conf';
import { fixtureSpecFiles } from '../vet/app-fixture';

const spec = (name: string, text?: string): LoadedSpec[] => [
    { origin: 'splunk', spec: parseSpec(text ?? fixtureSpecFiles()[`${name}.conf.spec`] ?? '', `${name}.conf.spec`) },
];
const check = (name: string, confText: string, specs = spec(name)) =>
    validateConf(parseConf(confText, `${name}.conf`), name, specs);

describe('compileSpecPattern', () => {
    it.each([
        ['script:<uniqueName>', 'script:passivetotal', true],
        ['script:<uniqueName>', 'script:', false],
        ['link.postargs.<int>.<key/value>', 'link.postargs.1.key', true],
        ['alert:<indicator name>.disabled', 'alert:cpu.disabled', true],
        ['stats|sistats', 'sistats', true],
        ['stats|sistats', 'stats|sistats', false],
        ['alert_action:*', 'alert_action:email', true],
        ['input:...', 'input:x', true],
        ['tcpout<any of above>', 'tcpout', true],
        ['tcpout<any of above>', 'tcpout:group', true],
        ['id', 'idx', false],
        ['id', 'ID', false],
    ])('%s matches %s: %s', (pattern, name, expected) => {
        expect(compileSpecPattern(pattern).regex.test(name)).toBe(expected);
    });
});

describe('parseSpec', () => {
    it('reads column-0 stanzas and keys and skips documentation', () => {
        const parsed = parseSpec(fixtureSpecFiles()['app.conf.spec'] ?? '', '/x/app.conf.spec');
        expect(parsed.confName).toBe('app');
        expect(parsed.stanzas.map((s) => s.source)).toEqual([
            'author=<name>',
            'id',
            'launcher',
            'package',
            'install',
            'triggers',
            'ui',
        ]);
        expect(parsed.stanzas.find((s) => s.source === 'triggers')?.keys.map((k) => k.source)).toEqual([
            'reload.<conf_file_name>',
        ]);
        expect(parsed.globalKeys).toEqual([]);
    });

    it('treats keys before the first stanza and in [default] as global', () => {
        const parsed = parseSpec('a = <x>\n[default]\nb = <y>\n[s]\nc = <z>\n', 'x.conf.spec');
        expect(parsed.globalKeys.map((k) => k.source)).toEqual(['a', 'b']);
        expect(parsed.keysBeforeFirstStanza.map((k) => k.source)).toEqual(['a']);
    });
});

describe('validateConf', () => {
    it('reports a misspelled key with its line and a suggestion', () => {
        const issues = check('app', '[ui]\nis_visible = true\nlable = x\n');
        expect(issues).toEqual([
            expect.objectContaining({ kind: 'unknown-key', stanza: 'ui', key: 'lable', line: 3, suggestion: 'label' }),
        ]);
        expect(issues[0]?.message).toContain('did you mean "label"');
    });

    it('reports an unknown stanza, with a suggestion when one is close', () => {
        expect(check('app', '[lancher]\nversion = 1.0.0\n[nonsense_stanza]\n')).toEqual([
            expect.objectContaining({ kind: 'unknown-stanza', stanza: 'lancher', line: 1, suggestion: 'launcher' }),
            expect.objectContaining({ kind: 'unknown-stanza', stanza: 'nonsense_stanza', line: 3 }),
        ]);
    });

    it('gives no suggestion for keys that are not close to any', () => {
        const [issue] = check('app', '[ui]\ncompletely_different = 1\n');
        expect(issue?.suggestion).toBeUndefined();
        expect(issue?.message).not.toContain('did you mean');
    });

    it('accepts wildcard stanzas and keys', () => {
        expect(check('restmap', '[script:foo]\nmatch = /foo\npython.required = 3.13\n')).toEqual([]);
        expect(check('app', '[triggers]\nreload.passivetotal = simple\n')).toEqual([]);
        expect(check('collections', '[passivetotal_cache]\nfield.foo = string\naccelerated_fields.x = {}\n')).toEqual(
            []
        );
        expect(check('app', '[author=Jane Doe]\nemail = j@example.com\n')).toEqual([]);
    });

    it('allows global keys in every stanza and rejects others', () => {
        expect(check('workflow_actions', '[pt]\nlabel = x\ntype = link\nlink.postargs.1.key = q\n')).toEqual([]);
        expect(check('workflow_actions', '[pt]\nlabell = x\n')).toEqual([
            expect.objectContaining({ kind: 'unknown-key', key: 'labell', suggestion: 'label' }),
        ]);
    });

    it('allows the union of keys of every matching spec stanza', () => {
        const specs = spec('x', '[<name>]\nwild = 1\n[literal]\nonly_literal = 1\n');
        expect(check('x', '[literal]\nwild = a\nonly_literal = b\n', specs)).toEqual([]);
        expect(check('x', '[other]\nonly_literal = b\n', specs)).toEqual([
            expect.objectContaining({ kind: 'unknown-key', key: 'only_literal' }),
        ]);
    });

    it('always allows [default], with any key documented anywhere in the spec', () => {
        expect(check('app', '[default]\nlabel = x\n')).toEqual([]);
        expect(check('app', 'orphan = 1\n')).toEqual([expect.objectContaining({ kind: 'unknown-key', key: 'orphan' })]);
    });

    it('accepts any stanza name for a spec without stanza headers (indexes.conf style)', () => {
        const specs = spec('indexes', 'homePath = <path>\ncoldPath = <path>\n');
        expect(check('indexes', '[passivetotal]\nhomePath = $SPLUNK_DB/x\n', specs)).toEqual([]);
        expect(check('indexes', '[passivetotal]\nhomePth = x\n', specs)).toEqual([
            expect.objectContaining({ kind: 'unknown-key', suggestion: 'homePath' }),
        ]);
    });

    it('merges a Splunk spec and an app spec of the same conf', () => {
        const specs: LoadedSpec[] = [
            ...spec('inputs'),
            { origin: 'app', spec: parseSpec('[passivetotal://<name>]\nfeed = <string>\n', 'README/inputs.conf.spec') },
        ];
        expect(check('inputs', '[passivetotal://a]\nfeed = x\n[script://x.py]\ninterval = 60\n', specs)).toEqual([]);
    });
});
