/**
 * The KV store: collections declared in the app's `collections.conf` (plus ones created through
 * `storage/collections/config`), documents in memory, and the `storage/collections/data` and
 * `storage/collections/config` endpoints. Data endpoints always answer JSON. Object permissions
 * come from the app's `.meta` files (`[collections]`), so a role without write access gets 403
 * like on a real splunkd. Turning {@link KvStore.available} off answers 503 everywhere.
 */
import { randomBytes } from 'node:crypto';
import type { AppConfig } from './app-config';
import { eaiAcl, feed, page, type FeedEntry } from './feed';
import type { Identity } from './identity';
import {
    KvQueryError,
    matchesQuery,
    parseQuery,
    parseSort,
    projectFields,
    sortDocuments,
    type JsonValue,
    type KvDocument,
} from './kvstore-query';
import { arg, args, jsonReply, type RestReply, type RestRequest } from './rest-types';
import type { Router } from './router';
import { alreadyExists, missingArgument, SplunkdError } from './splunkd-error';

/** The text of the 503 answered while the KV store is unavailable. */
export const KVSTORE_UNAVAILABLE_TEXT = 'KV Store is disabled or not ready. Please contact your system administrator.';

type FieldType = 'number' | 'bool' | 'string' | 'time' | 'array' | 'cidr';

interface Collection {
    readonly name: string;
    readonly app: string;
    readonly fields: Map<string, FieldType>;
    readonly settings: Map<string, string>;
    readonly docs: Map<string, KvDocument>;
}

const TRUE_VALUES = new Set(['1', 'true', 't', 'yes', 'y']);

function isObject(value: unknown): value is Record<string, JsonValue> {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function newKey(): string {
    return randomBytes(12).toString('hex');
}

/** Converts a value to a declared field type; undefined when it cannot be converted. */
function convert(value: JsonValue, type: FieldType): JsonValue | undefined {
    if (value === null) return null;
    if (Array.isArray(value) && type !== 'array') {
        const converted = value.map((v) => convert(v, type));
        return converted.some((v) => v === undefined) ? undefined : (converted as JsonValue[]);
    }
    switch (type) {
        case 'number':
        case 'time': {
            if (typeof value === 'number') return value;
            if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
                return Number(value);
            if (typeof value === 'boolean') return value ? 1 : 0;
            return undefined;
        }
        case 'bool': {
            if (typeof value === 'boolean') return value;
            if (typeof value === 'number') return value !== 0;
            if (typeof value === 'string') {
                const v = value.trim().toLowerCase();
                if (['true', '1', 't', 'yes'].includes(v)) return true;
                if (['false', '0', 'f', 'no'].includes(v)) return false;
            }
            return undefined;
        }
        case 'string':
        case 'cidr':
            if (typeof value === 'string') return value;
            if (typeof value === 'number' || typeof value === 'boolean') return String(value);
            return undefined;
        case 'array':
            return Array.isArray(value) ? value : [value];
    }
}

function parseJsonBody(request: RestRequest): unknown {
    const text = request.body.toString('utf8');
    if (text.trim() === '') throw new SplunkdError(400, 'Request body is empty: expected JSON.');
    try {
        return JSON.parse(text) as unknown;
    } catch {
        throw new SplunkdError(400, 'Failed to parse JSON in the request body.');
    }
}

/** The KV store. */
export class KvStore {
    /** False makes every KV store endpoint answer 503 (fault injection). */
    available = true;
    private readonly collections = new Map<string, Collection>();

    constructor(private readonly config: AppConfig) {
        for (const stanza of config.stanzas('collections')) {
            if (stanza.name === 'default') continue;
            this.collections.set(stanza.name, this.collectionFrom(stanza.name, stanza.keys));
        }
    }

    /** The documents of a collection (for tests and introspection). */
    documents(collection: string): KvDocument[] {
        return [...(this.collections.get(collection)?.docs.values() ?? [])].map((d) => ({ ...d }));
    }

    /** Registers the endpoints. */
    register(router: Router, origin: (request: RestRequest) => string, now: () => number): void {
        const json = { jsonAlways: true };
        const dataRoute =
            (
                handler: (request: RestRequest, c: Collection, identity: Identity, key: string | undefined) => RestReply
            ) =>
            (request: RestRequest, params: Readonly<Record<string, string>>): RestReply => {
                const identity = this.guard(request);
                const collection = this.collection(request, params.collection ?? '');
                return this.wrap(() => handler(request, collection, identity, params.key));
            };

        router.add(
            'POST',
            'storage/collections/data/:collection/batch_save',
            dataRoute((r, c, i) => this.batchSave(r, c, i)),
            json
        );
        router.add(
            'POST',
            'storage/collections/data/:collection/batch_find',
            dataRoute((r, c, i) => this.batchFind(r, c, i)),
            json
        );
        router.add(
            'GET',
            'storage/collections/data/:collection',
            dataRoute((r, c, i) => this.find(r, c, i)),
            json
        );
        router.add(
            'POST',
            'storage/collections/data/:collection',
            dataRoute((r, c, i) => this.insert(r, c, i)),
            json
        );
        router.add(
            'DELETE',
            'storage/collections/data/:collection',
            dataRoute((r, c, i) => this.deleteMatching(r, c, i)),
            json
        );
        router.add(
            'GET',
            'storage/collections/data/:collection/:key',
            dataRoute((r, c, i, k) => this.getOne(r, c, i, k ?? '')),
            json
        );
        router.add(
            'POST',
            'storage/collections/data/:collection/:key',
            dataRoute((r, c, i, k) => this.replace(r, c, i, k ?? '')),
            json
        );
        router.add(
            'DELETE',
            'storage/collections/data/:collection/:key',
            dataRoute((r, c, i, k) => this.deleteOne(r, c, i, k ?? '')),
            json
        );

        const configFeed = (request: RestRequest, identity: Identity, list: Collection[]) => {
            const paged = page(list, arg(request, 'count'), arg(request, 'offset'));
            return jsonReply(
                feed(
                    `${origin(request)}/services/storage/collections/config`,
                    paged.items.map((c) => this.configEntry(c, identity, origin(request))),
                    { total: list.length, perPage: paged.perPage, offset: paged.offset },
                    now()
                )
            );
        };
        router.add('GET', 'storage/collections/config', (request) => {
            const identity = this.guard(request);
            const list = [...this.collections.values()].filter(
                (c) =>
                    this.config.visibleFrom(request.ns.app, 'collections', c.name) &&
                    this.config.canRead(identity, 'collections', c.name)
            );
            return configFeed(request, identity, list);
        });
        router.add('GET', 'storage/collections/config/:collection', (request, params) => {
            const identity = this.guard(request);
            return configFeed(request, identity, [this.collection(request, params.collection ?? '')]);
        });
        router.add('POST', 'storage/collections/config', (request) => {
            const identity = this.guard(request);
            const name = arg(request, 'name');
            if (name === undefined || name === '') throw missingArgument('name');
            if (this.collections.has(name)) throw alreadyExists(name);
            if (!this.config.canWrite(identity, 'collections')) throw this.denied(identity, 'write', name);
            const keys = new Map(request.form.filter(([k]) => k !== 'name' && k !== 'output_mode'));
            const collection = this.collectionFrom(name, keys);
            this.collections.set(name, collection);
            return jsonReply(
                feed(
                    `${origin(request)}/services/storage/collections/config`,
                    [this.configEntry(collection, identity, origin(request))],
                    { total: 1, perPage: 0, offset: 0 },
                    now()
                ),
                201
            );
        });
        router.add('POST', 'storage/collections/config/:collection', (request, params) => {
            const identity = this.guard(request);
            const collection = this.collection(request, params.collection ?? '');
            if (!this.config.canWrite(identity, 'collections', collection.name))
                throw this.denied(identity, 'write', collection.name);
            for (const [k, v] of request.form) {
                if (k === 'output_mode') continue;
                collection.settings.set(k, v);
                const field = /^field\.(.+)$/.exec(k)?.[1];
                if (field !== undefined) collection.fields.set(field, v.trim() as FieldType);
            }
            return configFeed(request, identity, [collection]);
        });
        router.add('DELETE', 'storage/collections/config/:collection', (request, params) => {
            const identity = this.guard(request);
            const collection = this.collection(request, params.collection ?? '');
            if (!this.config.canWrite(identity, 'collections', collection.name))
                throw this.denied(identity, 'write', collection.name);
            this.collections.delete(collection.name);
            return jsonReply({ messages: [] });
        });
    }

    private collectionFrom(name: string, keys: ReadonlyMap<string, string>): Collection {
        const fields = new Map<string, FieldType>();
        for (const [k, v] of keys) {
            const field = /^field\.(.+)$/.exec(k)?.[1];
            if (field !== undefined) fields.set(field, v.trim() as FieldType);
        }
        return { name, app: this.config.app, fields, settings: new Map(keys), docs: new Map() };
    }

    private guard(request: RestRequest): Identity {
        if (!this.available) throw new SplunkdError(503, KVSTORE_UNAVAILABLE_TEXT);
        if (!request.identity) throw new SplunkdError(401, 'call not properly authenticated', 'WARN');
        return request.identity;
    }

    private collection(request: RestRequest, name: string): Collection {
        const collection = this.collections.get(name);
        if (!collection || !this.config.visibleFrom(request.ns.app, 'collections', name))
            throw new SplunkdError(404, `Collection '${name}' does not exist.`);
        return collection;
    }

    private denied(identity: Identity, access: 'read' | 'write', name: string): SplunkdError {
        const acl = this.config.acl('collections', name);
        const roles = [...identity.roles].sort().join(', ');
        return new SplunkdError(
            403,
            `User '${identity.name}' with roles { ${roles} } cannot ${access}: /nobody/${this.config.app}/collections/${name} { read : [ ${acl.read.join(', ')} ], write : [ ${acl.write.join(', ')} ] }, export: ${acl.exportTo}, removable: no`
        );
    }

    private wrap(run: () => RestReply): RestReply {
        try {
            return run();
        } catch (error) {
            if (error instanceof KvQueryError) throw new SplunkdError(400, error.message);
            throw error;
        }
    }

    private checkRead(identity: Identity, c: Collection): void {
        if (!this.config.canRead(identity, 'collections', c.name)) throw this.denied(identity, 'read', c.name);
    }

    private checkWrite(identity: Identity, c: Collection): void {
        if (!this.config.canWrite(identity, 'collections', c.name)) throw this.denied(identity, 'write', c.name);
    }

    private userOf(request: RestRequest): string {
        const owner = request.ns.owner;
        return owner === undefined || owner === '-' ? 'nobody' : owner;
    }

    private visibleDocs(request: RestRequest, c: Collection): KvDocument[] {
        const user = this.userOf(request);
        const docs = [...c.docs.values()];
        return user === 'nobody' ? docs : docs.filter((d) => d._user === user || d._user === 'nobody');
    }

    /** Applies field types; with enforceTypes a failed conversion fails the write, otherwise drops the field. */
    private typed(c: Collection, input: unknown): KvDocument {
        if (!isObject(input)) throw new SplunkdError(400, 'Document must be a JSON object.');
        const enforce = TRUE_VALUES.has((c.settings.get('enforceTypes') ?? 'false').trim().toLowerCase());
        const out: KvDocument = {};
        for (const [k, v] of Object.entries(input)) {
            const type = c.fields.get(k);
            if (type === undefined || k === '_key' || k === '_user') {
                out[k] = v;
                continue;
            }
            const converted = convert(v, type);
            if (converted === undefined) {
                if (enforce)
                    throw new SplunkdError(
                        400,
                        `Failed to convert the value of field '${k}' to type '${type}' (enforceTypes is true).`
                    );
                continue;
            }
            out[k] = converted;
        }
        return out;
    }

    private query(
        request: RestRequest,
        c: Collection,
        query: Record<string, JsonValue>,
        sort: string[],
        limit?: string,
        skip?: string,
        fields?: string
    ): KvDocument[] {
        let docs = this.visibleDocs(request, c).filter((d) => matchesQuery(d, query));
        docs = sortDocuments(docs, parseSort(sort));
        const s = skip === undefined || skip === '' ? 0 : Number(skip);
        const l = limit === undefined || limit === '' ? 0 : Number(limit);
        if (!Number.isInteger(s) || s < 0 || !Number.isInteger(l) || l < 0)
            throw new KvQueryError('Invalid limit or skip.');
        docs = l === 0 ? docs.slice(s) : docs.slice(s, s + l);
        return docs.map((d) => projectFields(d, fields));
    }

    private find(request: RestRequest, c: Collection, identity: Identity): RestReply {
        this.checkRead(identity, c);
        return jsonReply(
            this.query(
                request,
                c,
                parseQuery(arg(request, 'query')),
                args(request, 'sort'),
                arg(request, 'limit'),
                arg(request, 'skip'),
                arg(request, 'fields')
            )
        );
    }

    private batchFind(request: RestRequest, c: Collection, identity: Identity): RestReply {
        this.checkRead(identity, c);
        const body = parseJsonBody(request);
        if (!Array.isArray(body)) throw new SplunkdError(400, 'batch_find expects a JSON array of queries.');
        return jsonReply(
            body.map((spec: unknown) => {
                if (!isObject(spec)) throw new KvQueryError('Each batch_find entry must be an object.');
                const str = (v: JsonValue | undefined): string | undefined =>
                    typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
                const query = isObject(spec.query) ? spec.query : parseQuery(str(spec.query));
                const sort = typeof spec.sort === 'string' ? [spec.sort] : [];
                return this.query(request, c, query, sort, str(spec.limit), str(spec.skip), str(spec.fields));
            })
        );
    }

    private insert(request: RestRequest, c: Collection, identity: Identity): RestReply {
        this.checkWrite(identity, c);
        const doc = this.typed(c, parseJsonBody(request));
        const key = typeof doc._key === 'string' && doc._key !== '' ? doc._key : newKey();
        if (c.docs.has(key)) throw new SplunkdError(409, `A document with _key=${key} already exists.`);
        c.docs.set(key, { ...doc, _key: key, _user: this.userOf(request) });
        return jsonReply({ _key: key }, 201);
    }

    private batchSave(request: RestRequest, c: Collection, identity: Identity): RestReply {
        this.checkWrite(identity, c);
        const body = parseJsonBody(request);
        if (!Array.isArray(body)) throw new SplunkdError(400, 'batch_save expects a JSON array of documents.');
        const docs = body.map((d: unknown) => this.typed(c, d));
        const keys = docs.map((doc) => {
            const key = typeof doc._key === 'string' && doc._key !== '' ? doc._key : newKey();
            c.docs.set(key, { ...doc, _key: key, _user: this.userOf(request) });
            return key;
        });
        return jsonReply(keys);
    }

    private getOne(request: RestRequest, c: Collection, identity: Identity, key: string): RestReply {
        this.checkRead(identity, c);
        const doc = this.visibleDocs(request, c).find((d) => d._key === key);
        if (!doc) throw new SplunkdError(404, 'Could not find object.');
        return jsonReply(projectFields(doc, arg(request, 'fields')));
    }

    private replace(request: RestRequest, c: Collection, identity: Identity, key: string): RestReply {
        this.checkWrite(identity, c);
        if (!c.docs.has(key)) throw new SplunkdError(404, 'Could not find object.');
        const doc = this.typed(c, parseJsonBody(request));
        c.docs.set(key, { ...doc, _key: key, _user: this.userOf(request) });
        return jsonReply({ _key: key });
    }

    private deleteOne(request: RestRequest, c: Collection, identity: Identity, key: string): RestReply {
        this.checkWrite(identity, c);
        const doc = this.visibleDocs(request, c).find((d) => d._key === key);
        if (!doc) throw new SplunkdError(404, 'Could not find object.');
        c.docs.delete(key);
        return { status: 200 };
    }

    private deleteMatching(request: RestRequest, c: Collection, identity: Identity): RestReply {
        this.checkWrite(identity, c);
        const query = parseQuery(arg(request, 'query'));
        for (const doc of this.visibleDocs(request, c)) {
            if (matchesQuery(doc, query) && typeof doc._key === 'string') c.docs.delete(doc._key);
        }
        return { status: 200 };
    }

    private configEntry(c: Collection, identity: Identity, origin: string): FeedEntry {
        const acl = this.config.acl('collections', c.name);
        const path = `/servicesNS/nobody/${encodeURIComponent(c.app)}/storage/collections/config/${encodeURIComponent(c.name)}`;
        const eai = eaiAcl({
            app: c.app,
            owner: 'nobody',
            sharing: acl.exportTo === 'system' ? 'global' : 'app',
            read: acl.read,
            write: acl.write,
            canWrite: this.config.canWrite(identity, 'collections', c.name),
        });
        return {
            name: c.name,
            id: `${origin}${path}`,
            updated: new Date().toISOString(),
            links: { alternate: path, list: path, edit: path, remove: path },
            author: 'nobody',
            acl: eai,
            content: {
                ...Object.fromEntries(c.settings),
                disabled: false,
                'eai:acl': eai,
                'eai:appName': c.app,
                'eai:userName': 'nobody',
            },
        };
    }
}
