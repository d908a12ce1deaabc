/**
 * The app's configuration as splunkd sees it: every `default/<file>.conf` of the built app, with the
 * app's `local/<file>.conf` on top when the folder exists, then in-memory local changes (what splunkd
 * would write to `local/<file>.conf`), and the object permissions of `metadata/default.meta` (plus
 * `local.meta` when present).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConf, type ConfFile } from '@passivetotal/tooling/conf';
import type { Identity } from './identity';

/** One stanza after merging default and local, without `[default]` inheritance. */
export interface MergedStanza {
    readonly name: string;
    /** Keys in order; local values replace default ones. */
    readonly keys: ReadonlyMap<string, string>;
    /** True when the stanza exists only in local (created through REST). */
    readonly localOnly: boolean;
}

/** Object permissions from the `.meta` files. */
export interface ObjectAcl {
    readonly read: readonly string[];
    readonly write: readonly string[];
    /** `system` (visible from every app) or `none`. */
    readonly exportTo: 'system' | 'none';
    readonly owner: string;
}

async function readConfFiles(dir: string): Promise<Map<string, ConfFile>> {
    const files = new Map<string, ConfFile>();
    let names: string[];
    try {
        names = await readdir(dir);
    } catch {
        return files;
    }
    for (const name of names.sort()) {
        if (!name.endsWith('.conf') && !name.endsWith('.meta')) continue;
        const text = await readFile(path.join(dir, name), 'utf8');
        files.set(name, parseConf(text, path.join(path.basename(dir), name)));
    }
    return files;
}

function parseAccess(value: string): { read?: string[]; write?: string[] } {
    const result: { read?: string[]; write?: string[] } = {};
    for (const m of value.matchAll(/(read|write)\s*:\s*\[([^\]]*)\]/g)) {
        const roles = (m[2] ?? '')
            .split(',')
            .map((r) => r.trim())
            .filter((r) => r !== '');
        if (m[1] === 'read') result.read = roles;
        else result.write = roles;
    }
    return result;
}

/** The app's conf files, local changes and permissions. */
export class AppConfig {
    private readonly local = new Map<string, Map<string, Map<string, string>>>();
    private version = 0;

    private constructor(
        /** The app id. */
        readonly app: string,
        private readonly defaults: ReadonlyMap<string, ConfFile>,
        private readonly meta: readonly ConfFile[]
    ) {}

    /**
     * Reads `<appDir>/default/*.conf`, `<appDir>/local/*.conf` (as the local layer) and
     * `<appDir>/metadata/*.meta`; missing folders mean no files.
     */
    static async load(appDir: string, app: string): Promise<AppConfig> {
        const defaults = new Map<string, ConfFile>();
        for (const [name, conf] of await readConfFiles(path.join(appDir, 'default'))) {
            if (name.endsWith('.conf')) defaults.set(name.slice(0, -'.conf'.length), conf);
        }
        const metaFiles = await readConfFiles(path.join(appDir, 'metadata'));
        const meta = ['default.meta', 'local.meta']
            .map((n) => metaFiles.get(n))
            .filter((m): m is ConfFile => m !== undefined);
        const config = new AppConfig(app, defaults, meta);
        for (const [name, conf] of await readConfFiles(path.join(appDir, 'local'))) {
            if (!name.endsWith('.conf')) continue;
            const file = name.slice(0, -'.conf'.length);
            for (const stanza of conf.stanzas)
                config.setKeys(
                    file,
                    stanza.name,
                    stanza.keys.map((k) => [k.key, k.value])
                );
        }
        config.version = 0;
        return config;
    }

    /** A counter bumped on every change, for caches derived from the configuration. */
    get changeCount(): number {
        return this.version;
    }

    /** The parsed default file, if the app ships it (e.g. `restmap`). */
    defaultFile(file: string): ConfFile | undefined {
        return this.defaults.get(file);
    }

    /** True when the app has the file in default or local. */
    hasFile(file: string): boolean {
        return this.defaults.has(file) || this.local.has(file);
    }

    /** Names of the app's conf files (without `.conf`). */
    fileNames(): string[] {
        return [...new Set([...this.defaults.keys(), ...this.local.keys()])].sort();
    }

    /** The stanzas of a file, default merged with local, in order of appearance. */
    stanzas(file: string): MergedStanza[] {
        const result: MergedStanza[] = [];
        const local = this.local.get(file) ?? new Map<string, Map<string, string>>();
        const seen = new Set<string>();
        for (const stanza of this.defaults.get(file)?.stanzas ?? []) {
            seen.add(stanza.name);
            const keys = new Map(stanza.keys.map((k) => [k.key, k.value]));
            for (const [k, v] of local.get(stanza.name) ?? []) keys.set(k, v);
            result.push({ name: stanza.name, keys, localOnly: false });
        }
        for (const [name, keys] of local) {
            if (!seen.has(name)) result.push({ name, keys: new Map(keys), localOnly: true });
        }
        return result;
    }

    /** One merged stanza, or undefined. */
    stanza(file: string, name: string): MergedStanza | undefined {
        return this.stanzas(file).find((s) => s.name === name);
    }

    /** A stanza's keys with the `[default]` stanza's keys inherited, as splunkd reports them. */
    effectiveKeys(file: string, name: string): Map<string, string> | undefined {
        const stanza = this.stanza(file, name);
        if (!stanza) return undefined;
        if (name === 'default') return new Map(stanza.keys);
        const keys = new Map(this.stanza(file, 'default')?.keys ?? []);
        for (const [k, v] of stanza.keys) keys.set(k, v);
        return keys;
    }

    /** Writes keys to a stanza's local layer (creating the stanza when it does not exist). */
    setKeys(file: string, name: string, keys: Iterable<readonly [string, string]>): void {
        let fileLocal = this.local.get(file);
        if (!fileLocal) {
            fileLocal = new Map();
            this.local.set(file, fileLocal);
        }
        let stanza = fileLocal.get(name);
        if (!stanza) {
            stanza = new Map();
            fileLocal.set(name, stanza);
        }
        for (const [k, v] of keys) stanza.set(k, v);
        this.version++;
    }

    /** Drops a stanza's local layer; returns false when the stanza exists in default (cannot be removed). */
    deleteLocalStanza(file: string, name: string): boolean {
        if (this.defaults.get(file)?.stanzas.some((s) => s.name === name)) return false;
        this.local.get(file)?.delete(name);
        this.version++;
        return true;
    }

    /** A file as conf text (default merged with local), e.g. to feed `parseMacrosConf`. */
    mergedText(file: string): string {
        return this.stanzas(file)
            .map((s) => {
                const lines = [...s.keys].map(([k, v]) => `${k} = ${v.replace(/\n/g, '\\\n')}`);
                return `[${s.name}]\n${lines.join('\n')}\n`;
            })
            .join('\n');
    }

    /**
     * Permissions of an object from the `.meta` files: the most specific stanza that sets a key
     * wins (`[<type>/<name>]`, then `[<type>]`, then `[]`). Defaults: everyone reads, admins write.
     */
    acl(type: string, name?: string): ObjectAcl {
        const candidates = [name === undefined ? undefined : `${type}/${encodeURIComponent(name)}`, type, ''].filter(
            (c): c is string => c !== undefined
        );
        const lookup = (key: string): string | undefined => {
            for (const stanzaName of candidates) {
                // local.meta (later in the list) wins over default.meta for the same stanza.
                for (const meta of [...this.meta].reverse()) {
                    const value = meta.stanzas.find((s) => s.name === stanzaName)?.keys.find((k) => k.key === key);
                    if (value) return value.value;
                }
            }
            return undefined;
        };
        const access = parseAccess(lookup('access') ?? '');
        return {
            read: access.read ?? ['*'],
            write: access.write ?? ['admin'],
            exportTo: (lookup('export') ?? 'none').trim() === 'system' ? 'system' : 'none',
            owner: lookup('owner') ?? 'nobody',
        };
    }

    /** Whether the identity may write the object (`admin_all_objects` may write anything). */
    canWrite(identity: Identity, type: string, name?: string): boolean {
        if (identity.isSystem || identity.capabilities.has('admin_all_objects')) return true;
        const { write } = this.acl(type, name);
        return write.includes('*') || identity.effectiveRoles.some((r) => write.includes(r));
    }

    /** Whether the identity may read the object. */
    canRead(identity: Identity, type: string, name?: string): boolean {
        if (identity.isSystem || identity.capabilities.has('admin_all_objects')) return true;
        const { read } = this.acl(type, name);
        return read.includes('*') || identity.effectiveRoles.some((r) => read.includes(r));
    }

    /**
     * Whether objects of the app are visible from a namespace's app context: always from the app
     * itself and from the wildcard `-`; from other apps only when exported to `system`.
     */
    visibleFrom(nsApp: string | undefined, type: string, name?: string): boolean {
        if (nsApp === this.app || nsApp === '-') return true;
        return this.acl(type, name).exportTo === 'system';
    }
}
