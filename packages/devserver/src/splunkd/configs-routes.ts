/**
 * `configs/conf-<file>` and `configs/conf-<file>/<stanza>`: the app's default files merged with
 * in-memory local changes. Writes follow the app's `.meta` permissions (`admin_all_objects`
 * bypasses them), as on a real splunkd.
 */
import type { AppConfig } from './app-config';
import { eaiAcl, feed, page, type FeedEntry } from './feed';
import type { Identity } from './identity';
import { arg, jsonReply, type RestReply, type RestRequest } from './rest-types';
import type { Router } from './router';
import { alreadyExists, missingArgument, objectNotFound, SplunkdError } from './splunkd-error';

const TRUE_VALUES = new Set(['1', 'true', 't', 'yes', 'y']);
const RESERVED_ARGS = new Set(['name', 'output_mode']);

function identityOf(request: RestRequest): Identity {
    if (!request.identity) throw new SplunkdError(401, 'call not properly authenticated', 'WARN');
    return request.identity;
}

/** Whether the namespace reaches the app's configuration. */
function reachesApp(config: AppConfig, request: RestRequest, file: string, stanza?: string): boolean {
    return config.visibleFrom(request.ns.app, file, stanza);
}

/** The 403 splunkd gives for a write without permission. */
export function writeDenied(config: AppConfig, identity: Identity, file: string, stanza?: string): SplunkdError {
    const acl = config.acl(file, stanza);
    const roles = [...identity.roles].sort().join(', ');
    const object = stanza === undefined ? file : `${file}/${stanza}`;
    return new SplunkdError(
        403,
        `You (user=${identity.name}) with roles { ${roles} } cannot write: /nobody/${config.app}/${object} { read : [ ${acl.read.join(', ')} ], write : [ ${acl.write.join(', ')} ] }, export: ${acl.exportTo}, removable: no`
    );
}

/** A conf stanza as a feed entry (keys with `[default]` inherited, `disabled` as a boolean, `eai:*`). */
export function stanzaEntry(
    config: AppConfig,
    identity: Identity,
    file: string,
    name: string,
    origin: string
): FeedEntry {
    const keys = config.effectiveKeys(file, name) ?? new Map<string, string>();
    const acl = config.acl(file, name);
    const eai = eaiAcl({
        app: config.app,
        owner: 'nobody',
        sharing: acl.exportTo === 'system' ? 'global' : 'app',
        read: acl.read,
        write: acl.write,
        canWrite: config.canWrite(identity, file, name),
        removable: config.stanza(file, name)?.localOnly ?? false,
    });
    const content: Record<string, unknown> = Object.fromEntries(keys);
    content.disabled = TRUE_VALUES.has((keys.get('disabled') ?? 'false').trim().toLowerCase());
    content['eai:acl'] = eai;
    content['eai:appName'] = config.app;
    content['eai:userName'] = 'nobody';
    const path = `/servicesNS/nobody/${encodeURIComponent(config.app)}/configs/conf-${encodeURIComponent(file)}/${encodeURIComponent(name)}`;
    return {
        name,
        id: `${origin}${path}`,
        updated: new Date().toISOString(),
        links: { alternate: path, list: path, edit: path, ...(eai.removable === true ? { remove: path } : {}) },
        author: 'nobody',
        acl: eai,
        content,
    };
}

/** Registers the configs endpoints. */
export function registerConfigsRoutes(
    router: Router,
    config: AppConfig,
    origin: (request: RestRequest) => string,
    now: () => number
): void {
    const fileOf = (conf: string): string => {
        if (!conf.startsWith('conf-') || conf.length <= 'conf-'.length) throw new SplunkdError(404, 'Not Found');
        return conf.slice('conf-'.length);
    };
    const feedOf = (
        request: RestRequest,
        file: string,
        entries: FeedEntry[],
        paging = { total: entries.length, perPage: 0, offset: 0 }
    ) => feed(`${origin(request)}/services/configs/conf-${encodeURIComponent(file)}`, entries, paging, now());

    router.add('GET', 'configs/:conf', (request, params) => {
        const identity = identityOf(request);
        const file = fileOf(params.conf ?? '');
        const search = arg(request, 'search')?.toLowerCase();
        const names = reachesApp(config, request, file)
            ? config
                  .stanzas(file)
                  .map((s) => s.name)
                  .filter((n) => search === undefined || search === '' || n.toLowerCase().includes(search))
            : [];
        const paged = page(names, arg(request, 'count'), arg(request, 'offset'));
        return jsonReply(
            feedOf(
                request,
                file,
                paged.items.map((n) => stanzaEntry(config, identity, file, n, origin(request))),
                { total: names.length, perPage: paged.perPage, offset: paged.offset }
            )
        );
    });

    router.add('POST', 'configs/:conf', (request, params): RestReply => {
        const identity = identityOf(request);
        const file = fileOf(params.conf ?? '');
        const name = arg(request, 'name');
        if (name === undefined || name === '') throw missingArgument('name');
        if (request.ns.app !== config.app && request.ns.app !== '-')
            throw new SplunkdError(
                400,
                `The stand-in holds only the configuration of the '${config.app}' app; use /servicesNS/nobody/${config.app}/.`
            );
        if (config.stanza(file, name)) throw alreadyExists(name);
        if (!config.canWrite(identity, file, name)) throw writeDenied(config, identity, file, name);
        config.setKeys(
            file,
            name,
            request.form.filter(([k]) => !RESERVED_ARGS.has(k))
        );
        return jsonReply(feedOf(request, file, [stanzaEntry(config, identity, file, name, origin(request))]), 201);
    });

    router.add('GET', 'configs/:conf/:stanza', (request, params) => {
        const identity = identityOf(request);
        const file = fileOf(params.conf ?? '');
        const name = params.stanza ?? '';
        if (!reachesApp(config, request, file, name) || !config.stanza(file, name)) throw objectNotFound(name);
        return jsonReply(feedOf(request, file, [stanzaEntry(config, identity, file, name, origin(request))]));
    });

    router.add('POST', 'configs/:conf/:stanza', (request, params) => {
        const identity = identityOf(request);
        const file = fileOf(params.conf ?? '');
        const name = params.stanza ?? '';
        if (!reachesApp(config, request, file, name) || !config.stanza(file, name)) throw objectNotFound(name);
        if (!config.canWrite(identity, file, name)) throw writeDenied(config, identity, file, name);
        config.setKeys(
            file,
            name,
            request.form.filter(([k]) => !RESERVED_ARGS.has(k))
        );
        return jsonReply(feedOf(request, file, [stanzaEntry(config, identity, file, name, origin(request))]));
    });

    router.add('DELETE', 'configs/:conf/:stanza', (request, params) => {
        const identity = identityOf(request);
        const file = fileOf(params.conf ?? '');
        const name = params.stanza ?? '';
        if (!reachesApp(config, request, file, name) || !config.stanza(file, name)) throw objectNotFound(name);
        if (!config.canWrite(identity, file, name)) throw writeDenied(config, identity, file, name);
        if (!config.deleteLocalStanza(file, name))
            throw new SplunkdError(
                400,
                `Object id=${name} cannot be deleted in config=${file}: it is defined in the app's default directory.`
            );
        const names = config.stanzas(file).map((s) => s.name);
        return jsonReply(
            feedOf(
                request,
                file,
                names.map((n) => stanzaEntry(config, identity, file, n, origin(request)))
            )
        );
    });
}
