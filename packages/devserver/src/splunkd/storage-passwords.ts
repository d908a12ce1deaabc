/**
 * `storage/passwords`: secrets stored per app, named `<realm>:<username>:` with `:` escaped as
 * `\:`. Reading needs `list_storage_passwords`, writing `edit_storage_passwords` (the system token
 * has both); `clear_password` is only ever shown to callers allowed to list passwords.
 */
import { createHash } from 'node:crypto';
import { eaiAcl, feed, page, type FeedEntry } from './feed';
import { hasCapability, permissionDeniedText, type Identity } from './identity';
import { arg, jsonReply, type Namespace, type RestRequest } from './rest-types';
import type { Router } from './router';
import { DEFAULT_APP } from './search-jobs';
import { alreadyExists, missingArgument, SplunkdError } from './splunkd-error';

interface StoredCredential {
    readonly name: string;
    readonly realm: string;
    readonly username: string;
    password: string;
    readonly app: string;
    readonly owner: string;
    readonly sharing: 'app' | 'user' | 'global';
}

/** Escapes `:` in a realm or user name as `\\:`, as splunkd does. */
export function escapeCredentialPart(text: string): string {
    return text.replace(/:/g, '\\:');
}

/** The entity name of a credential: `<realm>:<username>:` (realm may be empty). */
export function credentialName(realm: string, username: string): string {
    return `${escapeCredentialPart(realm)}:${escapeCredentialPart(username)}:`;
}

function encrypt(password: string): string {
    // Not real encryption: a stable opaque value in splunkd's `$7$` format.
    return `$7$${createHash('sha256').update(password).digest('base64')}`;
}

function requireCapability(request: RestRequest, capability: string): Identity {
    const identity = request.identity;
    if (!identity) throw new SplunkdError(401, 'call not properly authenticated', 'WARN');
    if (!hasCapability(identity, capability)) throw new SplunkdError(403, permissionDeniedText(identity, capability));
    return identity;
}

/** The credential store and its endpoints. */
export class StoragePasswords {
    private readonly credentials: StoredCredential[] = [];

    /** Number of stored credentials (for tests and introspection). */
    get size(): number {
        return this.credentials.length;
    }

    /** Registers the endpoints. */
    register(router: Router, origin: (request: RestRequest) => string, now: () => number): void {
        const feedOf = (request: RestRequest, entries: FeedEntry[], total = entries.length) =>
            feed(`${origin(request)}/services/storage/passwords`, entries, { total, perPage: 0, offset: 0 }, now());

        router.add('GET', 'storage/passwords', (request) => {
            const identity = requireCapability(request, 'list_storage_passwords');
            const search = arg(request, 'search');
            const visible = this.visible(identity, request.ns).filter((c) => matchesSearch(c, search));
            const paged = page(visible, arg(request, 'count'), arg(request, 'offset'));
            const entries = paged.items.map((c) => this.entry(c, identity, origin(request)));
            return jsonReply(
                feed(
                    `${origin(request)}/services/storage/passwords`,
                    entries,
                    { total: visible.length, perPage: paged.perPage, offset: paged.offset },
                    now()
                )
            );
        });

        router.add('POST', 'storage/passwords', (request) => {
            const identity = requireCapability(request, 'edit_storage_passwords');
            const username = arg(request, 'name');
            const password = arg(request, 'password');
            if (username === undefined || username === '') throw missingArgument('name');
            if (password === undefined) throw missingArgument('password');
            const realm = arg(request, 'realm') ?? '';
            const app = request.ns.app === undefined || request.ns.app === '-' ? DEFAULT_APP : request.ns.app;
            const owner = request.ns.owner === undefined || request.ns.owner === '-' ? identity.name : request.ns.owner;
            const name = credentialName(realm, username);
            if (this.credentials.some((c) => c.app === app && c.name === name)) throw alreadyExists(name);
            const credential: StoredCredential = {
                name,
                realm,
                username,
                password,
                app,
                owner,
                sharing: owner === 'nobody' ? 'app' : 'user',
            };
            this.credentials.push(credential);
            return jsonReply(feedOf(request, [this.entry(credential, identity, origin(request))]), 201);
        });

        router.add('GET', 'storage/passwords/:name', (request, params) => {
            const identity = requireCapability(request, 'list_storage_passwords');
            const credential = this.find(identity, request.ns, params.name ?? '');
            return jsonReply(feedOf(request, [this.entry(credential, identity, origin(request))]));
        });

        router.add('POST', 'storage/passwords/:name', (request, params) => {
            const identity = requireCapability(request, 'edit_storage_passwords');
            const credential = this.find(identity, request.ns, params.name ?? '');
            const password = arg(request, 'password');
            if (password === undefined) throw missingArgument('password');
            credential.password = password;
            return jsonReply(feedOf(request, [this.entry(credential, identity, origin(request))]));
        });

        router.add('DELETE', 'storage/passwords/:name', (request, params) => {
            const identity = requireCapability(request, 'edit_storage_passwords');
            const credential = this.find(identity, request.ns, params.name ?? '');
            this.credentials.splice(this.credentials.indexOf(credential), 1);
            const rest = hasCapability(identity, 'list_storage_passwords') ? this.visible(identity, request.ns) : [];
            return jsonReply(
                feedOf(
                    request,
                    rest.map((c) => this.entry(c, identity, origin(request)))
                )
            );
        });
    }

    private visible(identity: Identity, ns: Namespace): StoredCredential[] {
        const all = identity.isSystem || identity.capabilities.has('admin_all_objects');
        return this.credentials.filter((c) => {
            if (c.sharing === 'user' && c.owner !== identity.name && !all) return false;
            if (ns.app !== undefined && ns.app !== '-' && c.app !== ns.app && c.sharing !== 'global') return false;
            return true;
        });
    }

    private find(identity: Identity, ns: Namespace, rawName: string): StoredCredential {
        const candidates = [rawName, rawName.endsWith(':') ? undefined : `${rawName}:`].filter(
            (n): n is string => n !== undefined
        );
        const visible = this.visible(identity, ns);
        for (const name of candidates) {
            const found =
                visible.find((c) => c.name === name && c.app === ns.app) ?? visible.find((c) => c.name === name);
            if (found) return found;
        }
        throw new SplunkdError(404, `Could not find object id=${rawName}`);
    }

    private entry(c: StoredCredential, identity: Identity, origin: string): FeedEntry {
        const path = `/servicesNS/${encodeURIComponent(c.owner)}/${encodeURIComponent(c.app)}/storage/passwords/${encodeURIComponent(c.name)}`;
        const canList = hasCapability(identity, 'list_storage_passwords');
        const acl = eaiAcl({
            app: c.app,
            owner: c.owner,
            sharing: c.sharing,
            read: ['*'],
            write: ['admin', 'sc_admin'],
            canWrite: hasCapability(identity, 'edit_storage_passwords'),
            removable: true,
        });
        const content: Record<string, unknown> = {
            username: c.username,
            realm: c.realm,
            encr_password: encrypt(c.password),
            password: '********',
            'eai:acl': acl,
        };
        if (canList) content.clear_password = c.password;
        return {
            name: c.name,
            id: `${origin}${path}`,
            updated: new Date().toISOString(),
            links: { alternate: path, list: path, edit: path, remove: path },
            author: c.owner,
            acl,
            content,
        };
    }
}

function matchesSearch(c: StoredCredential, search: string | undefined): boolean {
    if (search === undefined || search.trim() === '') return true;
    const eq = search.indexOf('=');
    if (eq > 0) {
        const key = search.slice(0, eq).trim();
        const value = search
            .slice(eq + 1)
            .trim()
            .toLowerCase();
        const field =
            key === 'realm'
                ? c.realm
                : key === 'username'
                  ? c.username
                  : key === 'name' || key === 'title'
                    ? c.name
                    : undefined;
        return field !== undefined && field.toLowerCase() === value;
    }
    const needle = search.toLowerCase();
    return [c.name, c.realm, c.username].some((v) => v.toLowerCase().includes(needle));
}
