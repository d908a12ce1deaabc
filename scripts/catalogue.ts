// `npm run catalogue`: writes the code generated from catalogue/catalogue.json, the single source of the app's
// providers, operations, routes, error codes and settings:
//   bin/passivetotal_app/catalogue.py                 the data as Python literals, for the REST handler
//   packages/core/src/catalogue/catalogue.generated.ts the data with its types, for core, the page and the stand-in
//   default/passivetotal.conf                          every setting with its default, as the app ships it
// `npm run catalogue -- --check` (a step of `npm test`) writes nothing and fails when either file differs from what
// the generator would write now. Both first check the catalogue itself (names, ranges, references).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';

export const ROOT = path.resolve(__dirname, '..');
export const SOURCE = 'catalogue/catalogue.json';
export const PYTHON_TARGET = 'bin/passivetotal_app/catalogue.py';
export const TYPESCRIPT_TARGET = 'packages/core/src/catalogue/catalogue.generated.ts';
export const CONF_TARGET = 'default/passivetotal.conf';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = Record<string, Json>;

/** One setting of passivetotal.conf after its placeholders are filled in (`provider:<id>` per open provider, ...). */
export interface ExpandedSetting {
    readonly stanza: string;
    readonly key: string;
    readonly type: string;
    readonly default: Json;
    readonly min?: number;
    readonly max?: number;
    readonly values?: readonly string[];
    readonly setup?: string;
    readonly json?: string;
    readonly provider?: string;
    readonly dataset?: string;
    readonly group?: string;
}

const ROUTE_FAMILIES = ['pt', 'open'];
const KEY_NEEDS = ['none', 'optional', 'required'];
const AUTH_STYLES = ['basic', 'bearer', 'header'];
const RESPONSES = ['json', 'json_object', 'ndjson'];
const SETTING_TYPES = ['url', 'proxy', 'number', 'integer', 'boolean', 'choice', 'order'];
const CAPABILITIES = ['passivetotal_query', 'passivetotal_admin'];

function isObject(value: Json | undefined): value is JsonObject {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: Json | undefined): JsonObject {
    return isObject(value) ? value : {};
}

/** A JSON value as text for a message or a comparison (a string as it is). */
function text(value: Json | undefined): string {
    return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

function stringsAt(value: Json | undefined): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The catalogue as parsed JSON. */
export function loadCatalogue(root = ROOT): JsonObject {
    const parsed = JSON.parse(readFileSync(path.join(root, SOURCE), 'utf8')) as Json;
    if (!isObject(parsed)) throw new Error(`${SOURCE} is not a JSON object`);
    return parsed;
}

/** The providers whose route is `open`, in catalogue order. */
function openProviderIds(catalogue: JsonObject): string[] {
    return Object.entries(objectAt(catalogue['providers']))
        .filter(([, p]) => objectAt(p)['route'] === 'open')
        .map(([id]) => id);
}

/** The value a templated setting takes from the entry it is made for (a provider, a cache dataset, a group). */
function defaultOf(spec: JsonObject, entry: JsonObject, where: string, problems: string[]): Json {
    const from = spec['defaultFrom'];
    if (typeof from !== 'string') return spec['default'] ?? null;
    const value = entry[from];
    if (value === undefined) problems.push(`${where}: defaultFrom ${from} is missing there`);
    return value ?? null;
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
    return template.replace(/<([a-zA-Z]+)>/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * Every setting of passivetotal.conf with its placeholders filled in and its default resolved. `problems` collects
 * what does not resolve.
 */
export function expandSettings(catalogue: JsonObject, problems: string[] = []): ExpandedSetting[] {
    const providers = objectAt(catalogue['providers']);
    const out: ExpandedSetting[] = [];
    const push = (
        stanza: string,
        key: string,
        spec: JsonObject,
        entry: JsonObject,
        extra: Record<string, string>,
        values: Record<string, string>
    ) => {
        const where = `settings [${stanza}] ${key}`;
        const setting: ExpandedSetting = {
            stanza,
            key,
            type: text(spec['type']),
            default: defaultOf(spec, entry, where, problems),
            ...(typeof spec['min'] === 'number' ? { min: spec['min'] } : {}),
            ...(typeof spec['max'] === 'number' ? { max: spec['max'] } : {}),
            ...(Array.isArray(spec['values']) ? { values: stringsAt(spec['values']) } : {}),
            ...(typeof spec['setup'] === 'string' ? { setup: fill(spec['setup'], values) } : {}),
            ...(typeof spec['json'] === 'string' ? { json: spec['json'] } : {}),
            ...extra,
        };
        out.push(setting);
    };
    for (const [stanzaName, stanzaJson] of Object.entries(objectAt(catalogue['settings']))) {
        const stanza = objectAt(stanzaJson);
        const keys = Object.entries(objectAt(stanza['keys'])).map(([k, v]) => [k, objectAt(v)] as const);
        const owners: [string, JsonObject][] =
            stanza['each'] === 'openProviders'
                ? openProviderIds(catalogue).map((id) => [id, objectAt(providers[id])])
                : typeof stanza['provider'] === 'string'
                  ? [[stanza['provider'], objectAt(providers[stanza['provider']])]]
                  : [];
        if (owners.length > 0) {
            for (const [id, provider] of owners) {
                const stanzaFilled = fill(stanzaName, { id });
                for (const [key, spec] of keys) {
                    const values = { id, urlSetting: text(provider['urlSetting'] ?? '') };
                    push(stanzaFilled, fill(key, values), spec, provider, { provider: id }, values);
                }
            }
            continue;
        }
        for (const [key, spec] of keys) {
            const each = spec['each'];
            if (each === 'cacheDatasets' || each === 'groups') {
                const field = each === 'cacheDatasets' ? 'dataset' : 'group';
                for (const [name, entry] of Object.entries(objectAt(catalogue[each]))) {
                    push(
                        stanzaName,
                        fill(key, { [field]: name }),
                        spec,
                        objectAt(entry),
                        { [field]: name },
                        { [field]: name }
                    );
                }
            } else {
                push(stanzaName, key, spec, {}, {}, {});
            }
        }
    }
    return out;
}

function checkParams(where: string, params: JsonObject, validators: JsonObject, problems: string[]): void {
    for (const [name, specJson] of Object.entries(params)) {
        const spec = objectAt(specJson);
        const validator = spec['validator'];
        if (typeof validator !== 'string' || !(validator in validators)) {
            problems.push(`${where} parameter ${name}: unknown validator ${text(validator)}`);
        }
        if (validator === 'one_of' && stringsAt(spec['values']).length === 0) {
            problems.push(`${where} parameter ${name}: one_of needs values`);
        }
        const depends = spec['dependsOn'];
        if (depends !== undefined) {
            const d = objectAt(depends);
            if (typeof d['param'] !== 'string' || !(d['param'] in params)) {
                problems.push(`${where} parameter ${name}: dependsOn names no parameter of the operation`);
            }
            for (const v of Object.values(objectAt(d['validators']))) {
                if (typeof v !== 'string' || !(v in validators)) {
                    problems.push(`${where} parameter ${name}: dependsOn names unknown validator ${text(v)}`);
                }
            }
        }
    }
}

function checkOperation(where: string, op: JsonObject, catalogue: JsonObject, problems: string[]): void {
    const validators = objectAt(catalogue['validators']);
    const params = objectAt(op['params']);
    for (const field of ['label', 'dataset', 'method', 'path']) {
        if (typeof op[field] !== 'string') problems.push(`${where}: ${field} is missing`);
    }
    if (!['GET', 'POST'].includes(text(op['method']))) problems.push(`${where}: method is GET or POST`);
    if (!text(op['path']).startsWith('/')) problems.push(`${where}: path starts with /`);
    if (typeof op['maxBytes'] !== 'number' || !Number.isInteger(op['maxBytes']) || op['maxBytes'] <= 0) {
        problems.push(`${where}: maxBytes is a positive whole number`);
    }
    if (!RESPONSES.includes(text(op['response'])))
        problems.push(`${where}: response is one of ${RESPONSES.join(', ')}`);
    checkParams(where, params, validators, problems);
    const texts = [text(op['path'])];
    for (const field of ['query', 'form', 'json']) {
        for (const pair of Array.isArray(op[field]) ? op[field] : []) texts.push(...stringsAt(pair));
    }
    for (const text of texts) {
        for (const match of text.matchAll(/\{([a-z_]+)\}/g)) {
            const name = match[1] ?? '';
            if (name === 'kind' ? !isObject(op['kinds']) : !(name in params)) {
                problems.push(`${where}: {${name}} names no parameter (or kinds) of the operation`);
            }
        }
    }
    if (op['group'] !== undefined && !(text(op['group']) in objectAt(catalogue['groups']))) {
        problems.push(`${where}: unknown group ${text(op['group'])}`);
    }
}

function checkProvider(id: string, provider: JsonObject, catalogue: JsonObject, problems: string[]): void {
    const where = `providers.${id}`;
    const operations = objectAt(provider['operations']);
    const errors = objectAt(catalogue['errors']);
    if (!ROUTE_FAMILIES.includes(text(provider['route']))) problems.push(`${where}: route is pt or open`);
    if (!/^[a-z][a-z0-9]*$/.test(id)) problems.push(`${where}: a provider id is lower-case letters and digits`);
    if (typeof provider['label'] !== 'string') problems.push(`${where}: label is missing`);
    if (!text(provider['baseUrl']).startsWith('https://')) problems.push(`${where}: baseUrl is an https URL`);
    if (!['base_url', 'bootstrap_url'].includes(text(provider['urlSetting']))) {
        problems.push(`${where}: urlSetting is base_url or bootstrap_url`);
    }
    const auth = objectAt(provider['auth']);
    if (!KEY_NEEDS.includes(text(auth['key']))) problems.push(`${where}: auth.key is none, optional or required`);
    if (auth['key'] !== 'none' && !AUTH_STYLES.includes(text(auth['style']))) {
        problems.push(`${where}: auth.style is basic, bearer or header`);
    }
    if (auth['style'] === 'header' && typeof auth['header'] !== 'string') problems.push(`${where}: auth.header`);
    for (const field of ['rateLimitPerMinute', 'timeoutSeconds']) {
        if (typeof provider[field] !== 'number') problems.push(`${where}: ${field} is a number`);
    }
    if (provider['route'] === 'open' && typeof provider['ttlSeconds'] !== 'number') {
        problems.push(`${where}: an open provider has ttlSeconds`);
    }
    for (const code of Object.values(objectAt(provider['statuses']))) {
        if (typeof code !== 'string' || !(code in errors)) problems.push(`${where}: unknown error code ${text(code)}`);
    }
    const check = objectAt(provider['check']);
    if (typeof check['operation'] !== 'string' || !(check['operation'] in operations)) {
        problems.push(`${where}: check.operation names no operation`);
    }
    const quota = provider['quotaOperation'];
    if (quota !== undefined && (typeof quota !== 'string' || !(quota in operations))) {
        problems.push(`${where}: quotaOperation names no operation`);
    }
    if (Object.keys(operations).length === 0) problems.push(`${where}: no operations`);
    for (const [name, op] of Object.entries(operations)) {
        checkOperation(`${where}.operations.${name}`, objectAt(op), catalogue, problems);
        const dataset = objectAt(op)['dataset'];
        if (provider['route'] === 'pt' && objectAt(op)['cached'] !== false) {
            if (typeof dataset !== 'string' || !(dataset in objectAt(catalogue['cacheDatasets']))) {
                problems.push(`${where}.operations.${name}: the dataset of a cached pt operation is a cache dataset`);
            }
        }
        if (provider['route'] === 'open' && !(text(dataset) in objectAt(catalogue['groups']))) {
            problems.push(`${where}.operations.${name}: the dataset of an open operation is a group`);
        }
    }
}

/** Which groups a provider's operations can fill (`group`, else the dataset when it names a group). */
export function groupsOf(provider: JsonObject, catalogue: JsonObject): string[] {
    const groups = objectAt(catalogue['groups']);
    const found: string[] = [];
    for (const op of Object.values(objectAt(provider['operations']))) {
        const o = objectAt(op);
        const group = typeof o['group'] === 'string' ? o['group'] : o['dataset'];
        if (typeof group === 'string' && group in groups && !found.includes(group)) found.push(group);
    }
    return found;
}

/** Everything wrong with the catalogue, as sentences; empty when it can be generated from. */
export function checkCatalogue(catalogue: JsonObject): string[] {
    const problems: string[] = [];
    const providers = objectAt(catalogue['providers']);
    const errors = objectAt(catalogue['errors']);
    for (const [code, error] of Object.entries(errors)) {
        if (!/^[a-z_]+$/.test(code)) problems.push(`errors.${code}: a code is lower-case words joined by _`);
        const statuses = objectAt(error)['statuses'];
        if (!Array.isArray(statuses) || statuses.length === 0) problems.push(`errors.${code}: statuses`);
        for (const s of Array.isArray(statuses) ? statuses : []) {
            if (typeof s !== 'number' || s < 400 || s > 599)
                problems.push(`errors.${code}: ${text(s)} is no error status`);
        }
    }
    for (const code of Object.values(objectAt(objectAt(catalogue['http'])['statuses']))) {
        if (typeof code !== 'string' || !(code in errors)) problems.push(`http.statuses: unknown code ${text(code)}`);
    }
    const pt = Object.entries(providers).filter(([, p]) => objectAt(p)['route'] === 'pt');
    if (pt.length !== 1) problems.push('providers: exactly one provider has the route pt');
    for (const [id, provider] of Object.entries(providers)) checkProvider(id, objectAt(provider), catalogue, problems);
    for (const [name, route] of Object.entries(objectAt(catalogue['routes']))) {
        const r = objectAt(route);
        if (r['capability'] !== null && !CAPABILITIES.includes(text(r['capability']))) {
            problems.push(`routes.${name}: capability is ${CAPABILITIES.join(' or ')} or null`);
        }
        if (stringsAt(r['methods']).length === 0) problems.push(`routes.${name}: methods`);
    }
    for (const [group, entry] of Object.entries(objectAt(catalogue['groups']))) {
        for (const id of stringsAt(objectAt(entry)['order'])) {
            if (!(id in providers) || !groupsOf(objectAt(providers[id]), catalogue).includes(group)) {
                problems.push(`groups.${group}.order: ${id} cannot fill ${group}`);
            }
        }
    }
    const settings = expandSettings(catalogue, problems);
    const setupNames = new Set<string>();
    for (const s of settings) {
        const where = `settings [${s.stanza}] ${s.key}`;
        if (!SETTING_TYPES.includes(s.type)) problems.push(`${where}: type is one of ${SETTING_TYPES.join(', ')}`);
        if (s.type === 'number' || s.type === 'integer') {
            const value = s.default;
            if (s.min === undefined || s.max === undefined || typeof value !== 'number') {
                problems.push(`${where}: a number has min, max and a number default`);
            } else if (value < s.min || value > s.max) {
                problems.push(`${where}: the default ${String(value)} is outside ${String(s.min)} to ${String(s.max)}`);
            }
        }
        if (s.type === 'choice' && !(s.values ?? []).includes(text(s.default))) {
            problems.push(`${where}: the default is one of the values`);
        }
        if (s.setup !== undefined) {
            if (setupNames.has(s.setup)) problems.push(`${where}: the setup field ${s.setup} is used twice`);
            setupNames.add(s.setup);
        }
    }
    return problems;
}

// ------------------------------------------------------------------------------------------------------- Python

const PYTHON_WIDTH = 120;

function pyScalar(value: Json): string {
    if (value === null) return 'None';
    if (value === true) return 'True';
    if (value === false) return 'False';
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string') return JSON.stringify(value);
    return '';
}

/** A string literal, split into adjacent literals inside parentheses when the line would be too long. */
function pythonString(value: string, indent: number, used: number): string {
    const whole = JSON.stringify(value);
    if (indent + used + whole.length + 1 <= PYTHON_WIDTH) return whole;
    const width = PYTHON_WIDTH - indent - 6;
    const pieces: string[] = [];
    let current = '';
    for (const word of value.split(/(?<= )/)) {
        if (current !== '' && JSON.stringify(current + word).length > width) {
            pieces.push(current);
            current = '';
        }
        current += word;
    }
    pieces.push(current);
    const pad = ' '.repeat(indent + 4);
    return `(\n${pieces.map((p) => pad + JSON.stringify(p)).join('\n')}\n${' '.repeat(indent)})`;
}

/**
 * A Python literal of `value` for a line that starts `indent` columns in with `used` characters before the
 * literal: one line when it fits in 120 columns, else one item a line.
 */
export function pythonLiteral(value: Json, indent = 0, used = 0): string {
    if (typeof value === 'string') return pythonString(value, indent, used);
    if (!Array.isArray(value) && !isObject(value)) return pyScalar(value);
    const inner = indent + 4;
    const entries: [string, Json][] = Array.isArray(value)
        ? value.map((v): [string, Json] => ['', v])
        : Object.entries(value).map(([k, v]): [string, Json] => [`${JSON.stringify(k)}: `, v]);
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    const flat = `${open}${entries.map(([k, v]) => k + pythonLiteral(v, 0, 0)).join(', ')}${close}`;
    if (!flat.includes('\n') && indent + used + flat.length + 1 <= PYTHON_WIDTH) return flat;
    const lines = entries.map(([k, v]) => `${' '.repeat(inner)}${k}${pythonLiteral(v, inner, k.length)},`);
    return `${open}\n${lines.join('\n')}\n${' '.repeat(indent)}${close}`;
}

/** The Python constant name of a top-level catalogue key (`cacheDatasets` → `CACHE_DATASETS`). */
export function pythonName(key: string): string {
    return key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

const PY_SECTIONS = ['limits', 'http', 'errors', 'validators', 'routes', 'groups', 'cacheDatasets', 'providers'];

export function pythonModule(catalogue: JsonObject): string {
    const lines = [
        '"""The catalogue: generated from catalogue/catalogue.json by ``npm run catalogue``; do not edit.',
        '',
        'Plain data, read by profiles.py (the providers and their operations), validation.py, classify.py, routes.py and',
        'settings.py. catalogue/README.md says what each key means. SETTINGS lists every key of passivetotal.conf with its',
        'placeholders filled in (``[provider:<id>]`` per open provider, ``ttl_seconds.<dataset>``, ``order.<group>``).',
        '"""',
        '',
        'from typing import Any, Dict, List',
        '',
    ];
    for (const key of PY_SECTIONS) {
        const head = `${pythonName(key)}: Dict[str, Any] = `;
        lines.push(`${head}${pythonLiteral(catalogue[key] ?? {}, 0, head.length)}`, '');
    }
    const settings = expandSettings(catalogue) as unknown as Json;
    const head = 'SETTINGS: List[Dict[str, Any]] = ';
    lines.push(`${head}${pythonLiteral(settings, 0, head.length)}`);
    return `${lines.join('\n')}\n`;
}

// --------------------------------------------------------------------------------------------------- TypeScript

function union(names: readonly string[]): string {
    return names.map((n) => JSON.stringify(n)).join(' | ');
}

export function typescriptSource(catalogue: JsonObject): string {
    const json = (value: Json | undefined) => JSON.stringify(value ?? {}, null, 4);
    const providers = objectAt(catalogue['providers']);
    const ids = Object.keys(providers);
    const open = openProviderIds(catalogue);
    const settings = expandSettings(catalogue);
    const ranges: Record<string, { min: number; max: number }> = {};
    for (const s of settings) {
        if (s.setup !== undefined && s.min !== undefined && s.max !== undefined) {
            ranges[s.setup] = { min: s.min, max: s.max };
        }
    }
    const setupFields = settings.flatMap((s) => (s.setup === undefined ? [] : [s.setup]));
    return `// Generated from catalogue/catalogue.json by \`npm run catalogue\`; do not edit.
/**
 * The catalogue, the single source of the app's providers, operations, routes, error codes and settings
 * (catalogue/README.md), with its types. The REST handler reads the same data (bin/passivetotal_app/catalogue.py).
 */

/** A provider id: PassiveTotal and every open provider. */
export type ProviderId = ${union(ids)};
/** The id of a provider behind the \`open/<provider>/<operation>\` route. */
export type OpenProviderId = ${union(open)};
/** A stable error code of the endpoint's error envelope. */
export type ErrorCode = ${union(Object.keys(objectAt(catalogue['errors'])))};
/** A named value validator of an operation's parameter. */
export type ValidatorName = ${union(Object.keys(objectAt(catalogue['validators'])))};
/** A route of the app's endpoint. */
export type RouteName = ${union(Object.keys(objectAt(catalogue['routes'])))};
/** A group of the investigation page that several providers fill (\`[datasets] order.<group>\`). */
export type GroupId = ${union(Object.keys(objectAt(catalogue['groups'])))};
/** A dataset of PassiveTotal's cache lifetimes (\`[cache] ttl_seconds.<dataset>\`). */
export type CacheDatasetId = ${union(Object.keys(objectAt(catalogue['cacheDatasets'])))};
/** The name of a setup form field. */
export type SetupField = ${union(setupFields)};

/** One parameter of an operation. */
export interface ParamSpec {
    readonly validator: ValidatorName;
    readonly required?: boolean;
    readonly values?: readonly string[];
    readonly anyCase?: boolean;
    readonly dependsOn?: { readonly param: string; readonly validators: Readonly<Record<string, ValidatorName>> };
}

/** One operation of a provider: what the browser may ask and the one upstream request it becomes. */
export interface OperationSpec {
    readonly label: string;
    readonly dataset: string;
    readonly group?: GroupId;
    readonly method: 'GET' | 'POST';
    readonly path: string;
    readonly query?: readonly (readonly [string, string])[];
    readonly form?: readonly (readonly [string, string])[];
    readonly json?: readonly (readonly [string, string])[];
    readonly forwardParams?: boolean;
    readonly accept?: string;
    readonly kinds?: Readonly<Record<string, string>>;
    readonly bootstrap?: Readonly<Record<string, string>>;
    readonly referral?: boolean;
    readonly followRedirects?: boolean;
    readonly notFoundIsEmpty?: boolean;
    readonly cached?: boolean;
    readonly params: Readonly<Record<string, ParamSpec>>;
    readonly maxBytes: number;
    readonly response: 'json' | 'json_object' | 'ndjson';
}

/** One provider: its address, key, limits and operations. */
export interface ProviderSpec {
    readonly label: string;
    readonly route: 'pt' | 'open';
    readonly baseUrl: string;
    readonly urlSetting: 'base_url' | 'bootstrap_url';
    readonly auth: {
        readonly key: 'none' | 'optional' | 'required';
        readonly style?: 'basic' | 'bearer' | 'header';
        readonly header?: string;
        readonly secret?: string;
    };
    readonly rateLimitPerMinute: number;
    readonly ttlSeconds?: number;
    readonly timeoutSeconds: number;
    readonly statuses?: Readonly<Record<string, ErrorCode>>;
    readonly reportsErrorsIn2xx?: boolean;
    readonly quotaOperation?: string;
    readonly resolver?: { readonly kind: string; readonly timeoutSeconds: number; readonly maxBytes: number };
    readonly check: { readonly operation: string; readonly params: Readonly<Record<string, string>>; readonly text?: string };
    readonly note: string;
    readonly operations: Readonly<Record<string, OperationSpec>>;
}

/** One error code: its HTTP statuses, when it is answered, and the fields its message may carry. */
export interface ErrorSpec {
    readonly statuses: readonly number[];
    readonly when: string;
    readonly extra?: readonly string[];
    readonly reasons?: Readonly<Record<string, string>>;
}

/** The HTTP client's limits, and the error code of each upstream status. */
export interface HttpSpec {
    readonly connectTimeoutSeconds: number;
    readonly retryStatuses: readonly number[];
    readonly timeoutRetries: number;
    readonly backoffFirstSeconds: number;
    readonly backoffMaxSeconds: number;
    readonly maxRetryAfterSeconds: number;
    readonly maxRedirects: number;
    readonly statuses: Readonly<Record<string, ErrorCode>>;
}

/** One route of the endpoint. */
export interface RouteSpec {
    readonly path: string;
    readonly methods: readonly ('GET' | 'POST' | 'DELETE')[];
    readonly capability: 'passivetotal_query' | 'passivetotal_admin' | null;
    readonly doing: string;
    readonly methodHint?: string;
}

/** One key of passivetotal.conf, placeholders filled in. */
export interface SettingSpec {
    readonly stanza: string;
    readonly key: string;
    readonly type: 'url' | 'proxy' | 'number' | 'integer' | 'boolean' | 'choice' | 'order';
    readonly default: string | number | boolean | readonly string[];
    readonly min?: number;
    readonly max?: number;
    readonly values?: readonly string[];
    readonly setup?: SetupField;
    readonly json?: string;
    readonly provider?: ProviderId;
    readonly dataset?: CacheDatasetId;
    readonly group?: GroupId;
}

/** Limits of the endpoint's requests. */
export const LIMITS = ${json(catalogue['limits'])} as const;

/** The HTTP client's timeouts, retries and redirects, and the error code of each upstream status. */
export const HTTP = ${json(catalogue['http'])} as const satisfies HttpSpec;

/** Every error code. */
export const ERRORS = ${json(catalogue['errors'])} as const satisfies Readonly<Record<ErrorCode, ErrorSpec>>;

/** Every validator, with the words that say what a value must be. */
export const VALIDATORS = ${json(catalogue['validators'])} as const satisfies Readonly<Record<ValidatorName, { readonly words: string | null }>>;

/** The routes of the app's endpoint. */
export const ROUTES = ${json(catalogue['routes'])} as const satisfies Readonly<Record<RouteName, RouteSpec>>;

/** The groups several providers fill, with their default order. */
export const GROUPS = ${json(catalogue['groups'])} as const satisfies Readonly<Record<GroupId, { readonly label: string; readonly order: readonly ProviderId[] }>>;

/** PassiveTotal's cache datasets and their default lifetimes. */
export const CACHE_DATASETS = ${json(catalogue['cacheDatasets'])} as const satisfies Readonly<Record<CacheDatasetId, { readonly label: string; readonly ttlSeconds: number }>>;

/** Every provider, PassiveTotal first. */
export const PROVIDERS = ${json(catalogue['providers'])} as const satisfies Readonly<Record<ProviderId, ProviderSpec>>;

/** Every provider id, in catalogue order. */
export const PROVIDER_IDS = ${json(ids)} as const satisfies readonly ProviderId[];

/** The open providers' ids, in catalogue order. */
export const OPEN_PROVIDER_IDS = ${json(open)} as const satisfies readonly OpenProviderId[];

/** Every error code, in catalogue order. */
export const ERROR_CODES = ${json(Object.keys(objectAt(catalogue['errors'])))} as const satisfies readonly ErrorCode[];

/** The operations of a provider. */
export type OperationId<P extends ProviderId> = Extract<keyof (typeof PROVIDERS)[P]['operations'], string>;

/** The parameters of a provider's operation. */
export type OperationParam<P extends ProviderId, O extends OperationId<P>> =
    (typeof PROVIDERS)[P]['operations'][O] extends { readonly params: infer Params } ? Extract<keyof Params, string> : never;

/** Every key of passivetotal.conf, placeholders filled in, defaults resolved. */
export const SETTINGS = ${JSON.stringify(settings, null, 4)} as const satisfies readonly SettingSpec[];

/** The range of every numeric setup field. */
export const SETTING_RANGES = ${JSON.stringify(ranges, null, 4)} as const satisfies Readonly<Partial<Record<SetupField, { readonly min: number; readonly max: number }>>>;
`;
}

// ------------------------------------------------------------------------------------------- passivetotal.conf

function confValue(value: Json): string {
    if (Array.isArray(value)) return value.map(text).join(',');
    if (typeof value === 'string') return value;
    return text(value);
}

/** `text` as comment lines of at most 110 characters. */
function commentLines(about: string): string[] {
    const out: string[] = [];
    let line = '#';
    for (const word of about.split(' ')) {
        if (line.length + word.length + 1 > 110) {
            out.push(line);
            line = '#';
        }
        line += ` ${word}`;
    }
    out.push(line);
    return out;
}

/** default/passivetotal.conf: every stanza and key of the catalogue's settings with its default. */
export function confFile(catalogue: JsonObject): string {
    const providers = objectAt(catalogue['providers']);
    const lines = [
        "# Settings of PassiveTotal for Splunk. Change them on the app's setup page, or in",
        '# local/passivetotal.conf; README/passivetotal.conf.spec documents every key.',
        '# Credentials never go here: they live in storage/passwords (realm "passivetotal").',
        '# Generated from catalogue/catalogue.json by `npm run catalogue`; do not edit.',
    ];
    const groups = objectAt(catalogue['settings']);
    let stanza = '';
    let group = '';
    for (const setting of expandSettings(catalogue)) {
        if (setting.stanza !== stanza) {
            stanza = setting.stanza;
            const provider = objectAt(providers[setting.provider ?? '']);
            const note = objectAt(provider)['note'];
            lines.push('');
            const template = stanza.startsWith('provider:') ? 'provider:<id>' : stanza;
            if (template !== group) {
                group = template;
                const about = objectAt(groups[template])['about'];
                if (typeof about === 'string') lines.push(...commentLines(about), '');
            }
            if (stanza.startsWith('provider:') && typeof note === 'string' && note !== '') {
                lines.push(`# ${text(provider['label'])}: ${note}`);
            }
            lines.push(`[${stanza}]`);
        }
        const value = confValue(setting.default);
        lines.push(value === '' ? `${setting.key} =` : `${setting.key} = ${value}`);
    }
    return `${lines.join('\n')}\n`;
}

/** The TypeScript module, formatted as Prettier formats the repository. */
export async function typescriptModule(catalogue: JsonObject, root = ROOT): Promise<string> {
    const file = path.join(root, TYPESCRIPT_TARGET);
    const options = (await prettier.resolveConfig(file)) ?? {};
    return prettier.format(typescriptSource(catalogue), { ...options, filepath: file });
}

/** What the generator writes: path (from the repository root) → text. */
export async function generated(catalogue: JsonObject, root = ROOT): Promise<Record<string, string>> {
    return {
        [CONF_TARGET]: confFile(catalogue),
        [PYTHON_TARGET]: pythonModule(catalogue),
        [TYPESCRIPT_TARGET]: await typescriptModule(catalogue, root),
    };
}

/** The generated files that differ from what the generator would write now (none: the check passes). */
export async function stale(root = ROOT): Promise<string[]> {
    const outputs = await generated(loadCatalogue(root), root);
    return Object.entries(outputs)
        .filter(([file, text]) => {
            try {
                return readFileSync(path.join(root, file), 'utf8') !== text;
            } catch {
                return true;
            }
        })
        .map(([file]) => file);
}

export async function main(argv: readonly string[], root = ROOT): Promise<number> {
    const catalogue = loadCatalogue(root);
    const problems = checkCatalogue(catalogue);
    if (problems.length > 0) {
        console.error(`${SOURCE} has ${String(problems.length)} problem(s):\n- ${problems.join('\n- ')}`);
        return 1;
    }
    if (argv.includes('--check')) {
        const differing = await stale(root);
        if (differing.length > 0) {
            console.error(
                `Generated files differ from ${SOURCE}: ${differing.join(', ')}. Run npm run catalogue and commit them.`
            );
            return 1;
        }
        console.log(`Generated files are current with ${SOURCE}.`);
        return 0;
    }
    for (const [file, text] of Object.entries(await generated(catalogue, root))) {
        writeFileSync(path.join(root, file), text);
        console.log(`wrote ${file}`);
    }
    return 0;
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
