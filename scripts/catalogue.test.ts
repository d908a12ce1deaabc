// Tests of the catalogue generator (run by `npm test` with node's test runner): the catalogue checks itself, and
// `--check` fails when a generated file differs from what the generator would write.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
    checkCatalogue,
    CONF_TARGET,
    expandSettings,
    loadCatalogue,
    main,
    PYTHON_TARGET,
    pythonLiteral,
    ROOT,
    SOURCE,
    stale,
    TYPESCRIPT_TARGET,
} from './catalogue';

type Catalogue = ReturnType<typeof loadCatalogue>;

function copy(): Catalogue {
    return JSON.parse(JSON.stringify(loadCatalogue())) as Catalogue;
}

/** A copy of the files the generator reads and writes, in a temporary folder. */
function sandbox(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'catalogue-'));
    for (const file of [SOURCE, CONF_TARGET, PYTHON_TARGET, TYPESCRIPT_TARGET, '.prettierrc.json']) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        copyFileSync(path.join(ROOT, file), path.join(root, file));
    }
    return root;
}

void test('the catalogue has no problems and the generated files are current', async () => {
    assert.deepEqual(checkCatalogue(loadCatalogue()), []);
    assert.deepEqual(await stale(), []);
});

void test('the check names what is wrong in a catalogue', () => {
    const broken = copy() as Record<string, Record<string, Record<string, unknown>>>;
    const providers = broken['providers'] as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    const crtsh = providers['crtsh'] as Record<string, Record<string, Record<string, unknown>>>;
    const certificates = crtsh['operations']?.['certificates'] as Record<string, unknown>;
    certificates['params'] = { q: { validator: 'hostname', required: true } };
    certificates['path'] = '/{value}';
    const groups = broken['groups'] as Record<string, { order: string[] }>;
    (groups['whois'] as { order: string[] }).order = ['passivetotal', 'crtsh'];
    const api = (broken['settings'] as Record<string, { keys: Record<string, Record<string, unknown>> }>)['api'];
    (api?.keys['retries'] as Record<string, unknown>)['default'] = 9;
    const problems = checkCatalogue(broken as unknown as Catalogue);
    assert.ok(problems.includes('providers.crtsh.operations.certificates parameter q: unknown validator hostname'));
    assert.ok(
        problems.includes(
            'providers.crtsh.operations.certificates: {value} names no parameter (or kinds) of the operation'
        )
    );
    assert.ok(problems.includes('groups.whois.order: crtsh cannot fill whois'));
    assert.ok(problems.includes('settings [api] retries: the default 9 is outside 0 to 5'));
});

void test('templated settings are filled in per provider, cache dataset and group', () => {
    const settings = expandSettings(loadCatalogue());
    const find = (stanza: string, key: string) => settings.find((s) => s.stanza === stanza && s.key === key);
    assert.deepEqual(find('provider:rdap', 'bootstrap_url'), {
        stanza: 'provider:rdap',
        key: 'bootstrap_url',
        type: 'url',
        default: 'https://data.iana.org/rdap/',
        setup: 'provider.rdap.bootstrap_url',
        json: 'baseUrl',
        provider: 'rdap',
    });
    assert.equal(find('provider:crtsh', 'timeout_seconds')?.default, 28);
    assert.equal(find('cache', 'ttl_seconds.whois')?.default, 604800);
    assert.deepEqual(find('datasets', 'order.whois')?.default, ['passivetotal', 'rdap']);
    assert.equal(find('provider:passivetotal', 'base_url'), undefined);
});

void test('Python literals stay within 120 columns', () => {
    const long = 'word '.repeat(40).trim();
    const literal = pythonLiteral({ a: long, b: [1, true, null] }, 0, 10);
    assert.ok(literal.split('\n').every((line) => line.length <= 120));
    assert.ok(literal.includes('"b": [1, True, None]'));
});

void test('--check fails when a generated file is stale, and passes once the generator has written it', async () => {
    const root = sandbox();
    try {
        assert.equal(await main(['--check'], root), 0);
        const catalogue = JSON.parse(readFileSync(path.join(root, SOURCE), 'utf8')) as {
            providers: Record<string, { rateLimitPerMinute: number; operations: Record<string, { label: string }> }>;
        };
        const crtsh = catalogue.providers['crtsh'];
        assert.ok(crtsh);
        (crtsh.operations['certificates'] as { label: string }).label = 'certificates (mirror)';
        writeFileSync(path.join(root, SOURCE), JSON.stringify(catalogue, null, 2));
        assert.deepEqual(await stale(root), [PYTHON_TARGET, TYPESCRIPT_TARGET]);
        crtsh.rateLimitPerMinute = 7;
        writeFileSync(path.join(root, SOURCE), JSON.stringify(catalogue, null, 2));
        assert.deepEqual(await stale(root), [CONF_TARGET, PYTHON_TARGET, TYPESCRIPT_TARGET]);
        assert.equal(await main(['--check'], root), 1);
        assert.equal(await main([], root), 0);
        assert.equal(await main(['--check'], root), 0);
        assert.ok(readFileSync(path.join(root, PYTHON_TARGET), 'utf8').includes('"certificates (mirror)"'));
        assert.ok(
            readFileSync(path.join(root, CONF_TARGET), 'utf8').includes(
                '[provider:crtsh]\nbase_url = https://crt.sh\nenabled = true\nrate_limit_per_minute = 7\n'
            )
        );
        writeFileSync(path.join(root, TYPESCRIPT_TARGET), '// edited by hand\n');
        assert.deepEqual(await stale(root), [TYPESCRIPT_TARGET]);
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
});
