import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecDir } from '../spec/spec-set';
import { cleanAppFiles, fixtureSpecFiles, tempDir, writeTree, type FileMap } from './app-fixture';
import type { Finding } from './finding';
import { formatFindings } from './format-findings';
import { vetApp, type VetOptions } from './vet-app';

let root: string;
let specDir: string;
let calls = 0;

beforeAll(() => {
    specDir = tempDir('passivetotal-specs-');
    writeTree(specDir, fixtureSpecFiles());
});
afterAll(() => {
    rmSync(specDir, { recursive: true, force: true });
});
beforeEach(() => {
    root = tempDir();
});
afterEach(() => {
    rmSync(root, { recursive: true, force: true });
});

/** Writes the clean app with `changes` (undefined deletes a file) into `<tmp>/<folder>` and vets it. */
function vet(
    changes: Record<string, string | undefined> = {},
    options: VetOptions & { folder?: string; after?: (app: string) => void } = {}
) {
    calls++;
    const app = join(root, String(calls), options.folder ?? 'passivetotal');
    const files: FileMap = cleanAppFiles();
    for (const [path, text] of Object.entries(changes)) {
        if (text === undefined) Reflect.deleteProperty(files, path);
        else files[path] = text;
    }
    writeTree(app, files);
    chmodSync(app, 0o755);
    options.after?.(app);
    return vetApp(app, { splunkSpecs: loadSpecDir(specDir, 'splunk'), ...options });
}

const failures = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'failure');
const rules = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.rule} ${f.file}`);

describe('vetApp on a clean app', () => {
    it('finds no failures and no warnings, only the bundle review note', () => {
        const result = vet();
        expect(rules(result.findings)).toEqual([
            'info check_for_remote_code_execution_in_javascript appserver/static/pages/investigate.js',
        ]);
        expect(formatFindings('passivetotal', result)).toMatch(/vet passivetotal: 0 failures, 0 warnings, 1 info$/);
    });

    it('accepts the folder name stage for the build output', () => {
        expect(failures(vet({}, { folder: 'stage' }).findings)).toEqual([]);
    });
});

describe('packaging rules', () => {
    it.each([
        ['local/app.conf', 'check_that_local_does_not_exist', 'local'],
        ['local/passwords.conf', 'check_that_local_passwords_conf_does_not_exist', 'local/passwords.conf'],
        ['metadata/local.meta', 'check_for_local_meta', 'metadata/local.meta'],
        ['users/admin/x.conf', 'check_that_users_does_not_exist', 'users'],
        ['.DS_Store', 'check_that_extracted_splunk_app_does_not_contain_prohibited_directories_or_files', '.DS_Store'],
        [
            'bin/.hidden/x.py',
            'check_that_extracted_splunk_app_does_not_contain_prohibited_directories_or_files',
            'bin/.hidden',
        ],
        ['__MACOSX/x', 'check_that_extracted_splunk_app_does_not_contain_prohibited_directories_or_files', '__MACOSX'],
        ['bin/__pycache__/x.cpython-311.pyc', 'check_for_compiled_python', 'bin/__pycache__'],
        ['bin/old.pyo', 'check_for_compiled_python', 'bin/old.pyo'],
    ])('%s fails %s', (path, rule, file) => {
        expect(rules(vet({ [path]: 'x = 1\n' }).findings)).toContain(`failure ${rule} ${file}`);
    });

    it('fails symlinks', () => {
        const result = vet({}, { after: (app) => symlinkSync('/etc/passwd', join(app, 'bin/link')) });
        expect(rules(result.findings)).toContain('failure check_symlink_outside_app bin/link');
    });

    it('fails world-writable files, missing owner bits and execute bits outside bin/', () => {
        const result = vet(
            {},
            {
                after: (app) => {
                    chmodSync(join(app, 'default/app.conf'), 0o666);
                    chmodSync(join(app, 'static/appIcon.png'), 0o244);
                    chmodSync(join(app, 'appserver/templates/setup.html'), 0o755);
                    chmodSync(join(app, 'bin/passivetotal_handler.py'), 0o755);
                    chmodSync(join(app, 'README'), 0o655);
                },
            }
        );
        expect(rules(result.findings)).toEqual(
            expect.arrayContaining([
                'failure check_for_expansive_permissions default/app.conf',
                'failure vet_owner_permissions static/appIcon.png',
                'failure vet_owner_permissions README',
                'failure check_for_executable_flag appserver/templates/setup.html',
            ])
        );
        expect(rules(result.findings)).not.toContain('failure check_for_executable_flag bin/passivetotal_handler.py');
    });

    it('fails ELF, PE and Mach-O binaries anywhere', () => {
        const result = vet(
            {},
            {
                after: (app) => {
                    writeFileSync(join(app, 'bin/tool'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]));
                    writeFileSync(join(app, 'static/x.dll'), Buffer.from('MZ\x90\x00'));
                    writeFileSync(join(app, 'static/x.dylib'), Buffer.from([0xcf, 0xfa, 0xed, 0xfe]));
                },
            }
        );
        const binaries = result.findings.filter((f) => f.rule === 'check_for_binary_files_without_source_code');
        expect(binaries.map((f) => f.file).sort()).toEqual(['bin/tool', 'static/x.dll', 'static/x.dylib']);
    });

    it('fails spaces in conf and view file names', () => {
        const result = vet({ 'default/data/ui/views/my view.xml': '<view/>' });
        expect(rules(result.findings)).toContain('failure vet_no_spaces_in_names default/data/ui/views/my view.xml');
    });
});

describe('app.conf rules', () => {
    const appConf = (edit: (text: string) => string) => edit(cleanAppFiles()['default/app.conf'] ?? '');

    it('fails a missing app.conf', () => {
        expect(rules(vet({ 'default/app.conf': undefined }).findings)).toContain(
            'failure check_that_extracted_splunk_app_contains_default_app_conf_file default/app.conf'
        );
    });

    it('fails a package id that differs from [id] name or the folder, or is invalid', () => {
        const renamed = vet({}, { folder: 'other_name' }).findings;
        expect(renamed.map((f) => f.message)).toContain(
            '[package] id "passivetotal" must equal the app folder name "other_name"'
        );
        const bad = vet({ 'default/app.conf': appConf((t) => t.replace('id = passivetotal', 'id = 1pass-total')) });
        expect(bad.findings.map((f) => f.message)).toEqual(
            expect.arrayContaining([
                '[package] id "1pass-total" only letters, digits, "." and "_" are allowed',
                '[id] name "passivetotal" differs from [package] id "1pass-total"',
            ])
        );
        const digit = vet(
            { 'default/app.conf': appConf((t) => t.replaceAll('passivetotal', '2pt')) },
            { folder: '2pt' }
        );
        expect(digit.findings.map((f) => f.message)).toContain('[package] id "2pt" must not start with a digit');
    });

    it('checks the expected id given as an option, also for stage/', () => {
        const result = vet({}, { folder: 'stage', expectedAppId: 'other' });
        expect(result.findings.map((f) => f.rule)).toContain('check_that_app_name_config_is_valid');
    });

    it('fails different versions, a bad build, a short label and is_configured = true', () => {
        const text = appConf((t) =>
            t
                .replace('version = 2.0.0\n\n[package]', 'version = 2.0.1\n\n[package]')
                .replace('build = 3', 'build = 0')
                .replace('label = PassiveTotal for Splunk', 'label = PT')
                .replace('is_configured = false', 'is_configured = true')
        );
        const result = vet({ 'default/app.conf': text });
        expect(result.findings.map((f) => `${f.rule}:${f.line ?? ''}`)).toEqual(
            expect.arrayContaining([
                'vet_app_version:8',
                'vet_app_build:16',
                'vet_app_label:20',
                'check_that_setup_has_not_been_performed:15',
            ])
        );
    });
});

describe('metadata rules', () => {
    it('fails a missing default.meta', () => {
        expect(rules(vet({ 'metadata/default.meta': undefined }).findings)).toContain(
            'failure check_meta_default_write_access metadata/default.meta'
        );
    });

    it('fails write to * in [], warns when sc_admin is missing, fails unknown keys and bad export', () => {
        const meta =
            '[]\naccess = read : [ * ], write : [ * ]\n\n[views]\naccess = read : [ * ], write : [ admin ]\nexport = system # all apps\nowners = admin\n';
        const result = vet({ 'metadata/default.meta': meta });
        expect(result.findings.map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line ?? ''}`)).toEqual([
            'info check_for_remote_code_execution_in_javascript appserver/static/pages/investigate.js:',
            'failure check_meta_default_write_access metadata/default.meta:2',
            'warning check_kos_are_accessible metadata/default.meta:5',
            'failure vet_meta_keys metadata/default.meta:6',
            'failure vet_meta_keys metadata/default.meta:7',
        ]);
    });

    it('fails a [] stanza without a write list', () => {
        const result = vet({ 'metadata/default.meta': '[]\naccess = read : [ * ]\n' });
        expect(result.findings.map((f) => f.message)).toContain('the [] stanza must restrict write access');
    });
});

describe('nav and view rules', () => {
    it('fails no default view, two default views and unknown nav views', () => {
        const none = vet({
            'default/data/ui/nav/default.xml': '<nav><view name="investigate"/><view name="nope"/></nav>',
        });
        expect(none.findings.map((f) => f.message)).toEqual(
            expect.arrayContaining([
                'exactly one default view is needed, found 0',
                'view "nope" is not in default/data/ui/views/',
            ])
        );
        const two = vet({
            'default/data/ui/nav/default.xml':
                '<nav><view name="investigate" default="true"/><view name="setup" default="true"/><view name="dashboards"/></nav>',
        });
        expect(failures(two.findings).map((f) => f.message)).toEqual(['exactly one default view is needed, found 2']);
    });

    it('fails a view whose template is missing, and a setup_view that does not exist', () => {
        const result = vet({
            'appserver/templates/setup.html': undefined,
            'default/data/ui/views/setup.xml': undefined,
        });
        expect(result.findings.map((f) => f.message)).toEqual(
            expect.arrayContaining([
                'view "setup" is not in default/data/ui/views/',
                '[ui] setup_view "setup" is not in default/data/ui/views/',
            ])
        );
        const template = vet({ 'appserver/templates/setup.html': undefined });
        expect(failures(template.findings).map((f) => `${f.file}: ${f.message}`)).toEqual([
            'default/data/ui/views/setup.xml: template appserver/templates/setup.html does not exist',
        ]);
    });
});

describe('python rules', () => {
    it('fails Python stanzas without python.required and with python.version other than python3', () => {
        const result = vet({
            'default/restmap.conf':
                '[script:a]\nscript = a.py\npython.version = python2\n\n[admin_external:b]\nhandlerfile = b.py\n\n[script:c]\nscripttype = persist\ndriver = /usr/bin/node\n',
            'default/inputs.conf': '[script://./bin/poll.py]\ninterval = 60\n',
        });
        expect(failures(result.findings).map((f) => `${f.rule} ${f.file}:${f.line ?? ''}`)).toEqual([
            'vet_python_required default/inputs.conf:1',
            'vet_python_required default/restmap.conf:1',
            'vet_python_version default/restmap.conf:3',
            'check_admin_external_restmap_conf_python_required default/restmap.conf:5',
        ]);
    });

    it('fails http:// URLs except loopback, and eval/exec calls', () => {
        const py = [
            'OK = "https://api.passivetotal.org"',
            'LOCAL = "http://localhost:8999/x"',
            'BAD = "http://api.passivetotal.org/v2"',
            'x = eval(text)',
            'exec (code)',
            'cursor.execute(sql)',
            'model.eval()',
            'TRICK = "http://127.0.0.1.evil.example/"',
        ].join('\n');
        const result = vet({ 'bin/passivetotal_app/client.py': py });
        expect(failures(result.findings).map((f) => `${f.rule}:${f.line ?? ''}`)).toEqual([
            'check_for_insecure_http_calls_in_python:3',
            'vet_no_eval_in_python:4',
            'vet_no_eval_in_python:5',
            'check_for_insecure_http_calls_in_python:8',
        ]);
    });
});

describe('javascript rules', () => {
    it('fails a development bundle with eval source maps', () => {
        const dev = 'eval("var a = 1;\\n//# sourceURL=webpack://app/./src/a.ts");';
        const result = vet({ 'appserver/static/pages/setup.js': dev });
        expect(rules(failures(result.findings))).toEqual([
            'failure check_for_remote_code_execution_in_javascript appserver/static/pages/setup.js',
        ]);
    });

    it('does not mistake a method named eval or a runtime data: source map string for a development build', () => {
        const bundle =
            'class T{eval(i,u){return u.eval(i)}}function css(){return "/*# sourceMappingURL=data:application/json;base64," + x}';
        expect(failures(vet({ 'appserver/static/pages/chunks/160.js': bundle }).findings)).toEqual([]);
    });

    it('warns about source maps and fails missing bundles unless vetting a source tree', () => {
        const maps = vet({ 'appserver/static/pages/setup.js.map': '{}' });
        expect(rules(maps.findings)).toContain('warning vet_no_source_maps appserver/static/pages/setup.js.map');
        const noPages = {
            'appserver/static/pages/investigate.js': undefined,
            'appserver/static/pages/setup.js': undefined,
        };
        expect(rules(vet(noPages).findings)).toContain('failure vet_pages_built appserver/static/pages');
        expect(failures(vet(noPages, { requirePages: false }).findings)).toEqual([]);
    });
});

describe('secrets and specs', () => {
    it('fails a credential with a value in default/*.conf', () => {
        const result = vet({ 'default/passivetotal.conf': '[api]\napi_key = 0123456789abcdef\n' });
        expect(failures(result.findings).map((f) => `${f.rule}:${f.line ?? ''}`)).toEqual([
            'check_for_secret_disclosure:2',
        ]);
    });

    it('checks the app conf against the app spec in README/, with did-you-mean', () => {
        const result = vet({
            'default/passivetotal.conf': '[api]\nbase_ur = https://x\n[cache]\nttl_seconds.whois = 5\n',
        });
        expect(failures(result.findings).map((f) => f.message)).toEqual([
            'unknown key "base_ur" in [api] of passivetotal.conf; did you mean "base_url"?',
        ]);
    });

    it('fails a misspelled key and an unknown stanza in a Splunk conf', () => {
        const appConf = (cleanAppFiles()['default/app.conf'] ?? '').replace('label =', 'lable =') + '\n[uii]\n';
        const result = vet({ 'default/app.conf': appConf });
        expect(failures(result.findings).map((f) => `${f.rule}:${f.line ?? ''} ${f.message}`)).toEqual([
            'vet_app_label:18 [ui] label is missing',
            'vet_conf_spec_unknown_key:20 unknown key "lable" in [ui] of app.conf; did you mean "label"?',
            'vet_conf_spec_unknown_stanza:26 unknown stanza [uii] in app.conf; did you mean [ui]?',
        ]);
    });

    it('fails a custom conf without a spec, and only when Splunk specs are given', () => {
        const custom = { 'default/mystuff.conf': '[a]\nb = c\n' };
        expect(failures(vet(custom).findings).map((f) => f.message)).toEqual([
            'no spec for mystuff.conf: a custom conf needs README/mystuff.conf.spec',
        ]);
        const skipped = vet(custom, { splunkSpecs: undefined });
        expect(skipped.specsChecked).toBe(false);
        expect(failures(skipped.findings)).toEqual([]);
    });

    it('still checks the app spec without Splunk specs, and warns on keys before the first stanza', () => {
        const result = vet(
            {
                'default/passivetotal.conf': '[api]\ntimeout = 3\n',
                'README/passivetotal.conf.spec': 'loose = <x>\n[api]\nbase_url = <string>\n',
            },
            { splunkSpecs: undefined }
        );
        expect(result.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(
            expect.arrayContaining([
                'failure vet_conf_spec_unknown_key',
                'warning check_no_default_or_value_before_stanzas',
            ])
        );
    });

    it('reports conf syntax problems', () => {
        const result = vet({
            'default/collections.conf': '[passivetotal_cache]\nfield.a = string\nfield.a = time\nnot a setting\n',
        });
        expect(result.findings.map((f) => `${f.severity} ${f.rule}:${f.line ?? ''}`)).toEqual(
            expect.arrayContaining(['warning vet_conf_syntax:3', 'failure vet_conf_syntax:4'])
        );
    });
});

describe('vetApp input', () => {
    it('throws for a folder that does not exist', () => {
        expect(() => vetApp(join(root, 'missing'))).toThrow();
    });

    it('is not fooled by an empty folder', () => {
        mkdirSync(join(root, 'passivetotal'));
        const result = vetApp(join(root, 'passivetotal'));
        expect(result.counts.failure).toBeGreaterThanOrEqual(3);
    });
});
