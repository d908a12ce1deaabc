import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseConf } from '../conf/parse-conf';
import { buildSpecSet, loadSpecDir } from './spec-set';
import { validateConf } from './validate-conf';

/**
 * The validator against Splunk 10.4.2's real specs and its own etc/system/default files, from
 * `../shared/reference/splunk-spec-10.4.2` next to the repository (or SPLUNK_SPEC_DIR). Skipped, with a
 * note, when they are not there: the unit tests use small spec fixtures instead.
 */
const repoRoot = resolve(__dirname, '../../../..');
const specDir = process.env.SPLUNK_SPEC_DIR ?? join(repoRoot, '../shared/reference/splunk-spec-10.4.2');
const available = existsSync(join(specDir, 'app.conf.spec'));
if (!available) {
    console.warn(`real Splunk spec tests skipped: no specs in ${specDir} (set SPLUNK_SPEC_DIR to run them)`);
}

(available ? describe : describe.skip)('validateConf with Splunk 10.4.2 specs', () => {
    const specs = buildSpecSet(loadSpecDir(specDir, 'splunk'));
    const check = (confName: string, text: string) =>
        validateConf(parseConf(text, `${confName}.conf`), confName, specs.get(confName) ?? []);

    it('catches a misspelled app.conf key with a suggestion', () => {
        expect(check('app', '[ui]\nlable = PassiveTotal\n')).toEqual([
            expect.objectContaining({ kind: 'unknown-key', key: 'lable', suggestion: 'label', line: 2 }),
        ]);
    });

    it('accepts the stanzas and keys the app uses', () => {
        expect(check('app', '[triggers]\nreload.passivetotal = simple\n[install]\npython.required = 3.9\n')).toEqual(
            []
        );
        expect(
            check(
                'restmap',
                '[script:passivetotal]\nmatch = /passivetotal\nscripttype = persist\npython.required = 3.9, 3.13\n'
            )
        ).toEqual([]);
        expect(check('web', '[expose:passivetotal]\npattern = passivetotal/*\nmethods = GET, POST\n')).toEqual([]);
        expect(
            check('collections', '[passivetotal_cache]\nfield.foo = string\naccelerated_fields.k = {"k": 1}\n')
        ).toEqual([]);
        expect(
            check('workflow_actions', '[pt]\nlabel = Investigate\ntype = link\nlink.uri = /x\nlink.method = get\n')
        ).toEqual([]);
        expect(check('macros', '[passivetotal_index]\ndefinition = index=main\niseval = 0\n')).toEqual([]);
    });

    it('flags few stanzas and keys of Splunk system/default (spec gaps, not parser errors)', () => {
        const defaults = join(specDir, 'system-default');
        // sourcetypes.conf holds learned token frequencies as keys; its spec cannot describe them.
        const files = readdirSync(defaults).filter((f) => f.endsWith('.conf') && f !== 'sourcetypes.conf');
        let checked = 0;
        let flagged = 0;
        for (const file of files) {
            const name = file.replace(/\.conf$/, '');
            const conf = parseConf(readFileSync(join(defaults, file), 'utf8'), file);
            const confSpecs = specs.get(name);
            if (!confSpecs) continue;
            checked += conf.stanzas.length + conf.stanzas.reduce((n, s) => n + s.keys.length, 0);
            flagged += validateConf(conf, name, confSpecs).length;
        }
        console.info(
            `system/default: ${flagged} of ${checked} stanzas and keys flagged (${((100 * flagged) / checked).toFixed(2)}%)`
        );
        expect(checked).toBeGreaterThan(10000);
        expect(flagged / checked).toBeLessThan(0.02);
    });
});
