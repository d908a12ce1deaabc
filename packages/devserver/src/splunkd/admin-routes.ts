/**
 * Small informational and app endpoints: `apps/local[/<app>]` (GET, POST `configured=`),
 * `authentication/current-context`, `authentication/users[/<name>]`, `authorization/capabilities`,
 * `authorization/roles[/<name>]` and `server/info`.
 */
import type { AppConfig } from './app-config';
import { eaiAcl, feed, GENERATOR, page, type FeedEntry } from './feed';
import { satisfiesCapabilityExpression, type Identity, type RoleTable, type UserAccount } from './identity';
import { arg, jsonReply, type RestRequest } from './rest-types';
import type { Router } from './router';
import { DEFAULT_APP } from './search-jobs';
import { objectNotFound, SplunkdError } from './splunkd-error';

const TRUE_VALUES = new Set(['1', 'true', 't', 'yes', 'y']);

function isTrue(value: string | undefined): boolean {
    return TRUE_VALUES.has((value ?? '').trim().toLowerCase());
}

function identityOf(request: RestRequest): Identity {
    if (!request.identity) throw new SplunkdError(401, 'call not properly authenticated', 'WARN');
    return request.identity;
}

/** What the admin routes need. */
export interface AdminRoutesDeps {
    readonly config: AppConfig;
    readonly roles: RoleTable;
    readonly accounts: readonly UserAccount[];
    readonly origin: (request: RestRequest) => string;
    readonly now: () => number;
    /** Whether the KV store is up (for `server/info` `kvStoreStatus`). */
    readonly kvstoreAvailable: () => boolean;
    readonly serverName: string;
}

function simpleEntry(
    name: string,
    path: string,
    origin: string,
    content: Record<string, unknown>,
    author = 'system'
): FeedEntry {
    return {
        name,
        id: `${origin}${path}`,
        updated: new Date().toISOString(),
        links: { alternate: path },
        author,
        content,
    };
}

/**
 * The time range presets Splunk ships in its system `times.conf` (the app adds none), as `data/ui/times` lists them
 * for time range pickers: continuous ranges up to now, today, and all time.
 */
const SHIPPED_TIME_PRESETS: readonly (readonly [string, string, string, string | undefined, number])[] = [
    ['last_15_mins', 'Last 15 minutes', '-15m', 'now', 10],
    ['last_60_mins', 'Last 60 minutes', '-60m@m', 'now', 20],
    ['last_4_hours', 'Last 4 hours', '-4h@m', 'now', 30],
    ['last_24_hours', 'Last 24 hours', '-24h@h', 'now', 40],
    ['last_7_days', 'Last 7 days', '-7d@h', 'now', 50],
    ['last_30_days', 'Last 30 days', '-30d@d', 'now', 60],
    ['today', 'Today', '@d', 'now', 100],
    ['all_time', 'All time', '0', undefined, 500],
];

/** Registers the routes. */
export function registerAdminRoutes(router: Router, deps: AdminRoutesDeps): void {
    const { config, roles } = deps;
    const feedOf = (request: RestRequest, endpoint: string, entries: FeedEntry[]) =>
        jsonReply(
            feed(
                `${deps.origin(request)}/services/${endpoint}`,
                entries,
                { total: entries.length, perPage: 30, offset: 0 },
                deps.now()
            )
        );

    const appEntry = (request: RestRequest, identity: Identity): FeedEntry => {
        const value = (stanza: string, key: string): string | undefined =>
            config.effectiveKeys('app', stanza)?.get(key);
        const canEdit = satisfiesCapabilityExpression(
            identity,
            'rest_apps_management or edit_local_apps or admin_all_objects'
        );
        const path = `/servicesNS/nobody/system/apps/local/${encodeURIComponent(config.app)}`;
        const acl = eaiAcl({
            app: 'system',
            owner: 'nobody',
            sharing: 'app',
            read: ['*'],
            write: ['admin', 'sc_admin'],
            canWrite: canEdit,
        });
        return {
            name: config.app,
            id: `${deps.origin(request)}${path}`,
            updated: new Date().toISOString(),
            links: {
                alternate: path,
                list: path,
                edit: path,
                ...(canEdit ? { disable: `${path}/disable`, package: `${path}/package` } : {}),
            },
            author: 'nobody',
            acl,
            content: {
                author: value('launcher', 'author') ?? '',
                check_for_updates: isTrue(value('package', 'check_for_updates') ?? 'true'),
                configured: isTrue(value('install', 'is_configured')),
                core: false,
                description: value('launcher', 'description') ?? '',
                details: `${deps.origin(request)}/servicesNS/nobody/system/apps/local/${encodeURIComponent(config.app)}/details`,
                disabled: false,
                'eai:acl': acl,
                label: value('ui', 'label') ?? config.app,
                managed_by_deployment_client: false,
                setup_view: value('ui', 'setup_view') ?? '',
                show_in_nav: isTrue(value('ui', 'show_in_nav') ?? 'true'),
                state_change_requires_restart: false,
                version: value('launcher', 'version') ?? value('id', 'version') ?? '',
                visible: isTrue(value('ui', 'is_visible') ?? 'true'),
            },
        };
    };

    router.add('GET', 'apps/local', (request) => {
        const identity = identityOf(request);
        return feedOf(request, 'apps/local', [appEntry(request, identity)]);
    });
    router.add('GET', 'apps/local/:app', (request, params) => {
        const identity = identityOf(request);
        if (params.app !== config.app) throw objectNotFound(params.app ?? '');
        return feedOf(request, 'apps/local', [appEntry(request, identity)]);
    });
    router.add('POST', 'apps/local/:app', (request, params) => {
        const identity = identityOf(request);
        if (params.app !== config.app) throw objectNotFound(params.app ?? '');
        if (!satisfiesCapabilityExpression(identity, 'rest_apps_management or edit_local_apps or admin_all_objects')) {
            throw new SplunkdError(
                403,
                `You (user=${identity.name}) with roles { ${[...identity.roles].sort().join(', ')} } do not have permission to perform this operation (requires capability: rest_apps_management).`
            );
        }
        const configured = arg(request, 'configured');
        if (configured !== undefined)
            config.setKeys('app', 'install', [['is_configured', isTrue(configured) ? '1' : '0']]);
        const visible = arg(request, 'visible');
        if (visible !== undefined) config.setKeys('app', 'ui', [['is_visible', isTrue(visible) ? '1' : '0']]);
        const label = arg(request, 'label');
        if (label !== undefined) config.setKeys('app', 'ui', [['label', label]]);
        return feedOf(request, 'apps/local', [appEntry(request, identity)]);
    });

    router.add('GET', 'authentication/current-context', (request) => {
        const identity = identityOf(request);
        return feedOf(request, 'authentication/current-context', [
            simpleEntry('context', '/services/authentication/current-context/context', deps.origin(request), {
                username: identity.name,
                realname: identity.realname,
                roles: [...identity.roles],
                capabilities: [...identity.capabilities].sort(),
                defaultApp: DEFAULT_APP,
                defaultAppIsUserOverride: false,
                defaultAppSourceRole: 'system',
                email: '',
                lockedOut: false,
                search_assistant: 'compact',
                tz: '',
                type: 'Splunk',
                'eai:acl': null,
            }),
        ]);
    });

    const userEntry = (request: RestRequest, account: UserAccount): FeedEntry => {
        const identity = roles.identity(account.name, account.realname, account.roles);
        return simpleEntry(
            account.name,
            `/services/authentication/users/${encodeURIComponent(account.name)}`,
            deps.origin(request),
            {
                realname: account.realname,
                roles: [...account.roles],
                capabilities: [...identity.capabilities].sort(),
                defaultApp: DEFAULT_APP,
                email: '',
                type: 'Splunk',
                tz: '',
                locked_out: false,
            },
            account.name
        );
    };
    const mayListUsers = (identity: Identity): boolean =>
        satisfiesCapabilityExpression(identity, 'edit_user or admin_all_objects');
    router.add('GET', 'authentication/users', (request) => {
        const identity = identityOf(request);
        const visible = deps.accounts.filter((a) => mayListUsers(identity) || a.name === identity.name);
        return feedOf(
            request,
            'authentication/users',
            visible.map((a) => userEntry(request, a))
        );
    });
    router.add('GET', 'authentication/users/:name', (request, params) => {
        const identity = identityOf(request);
        const account = deps.accounts.find((a) => a.name === params.name);
        if (!account || (!mayListUsers(identity) && account.name !== identity.name))
            throw objectNotFound(params.name ?? '');
        return feedOf(request, 'authentication/users', [userEntry(request, account)]);
    });

    router.add('GET', 'authorization/capabilities', (request) => {
        identityOf(request);
        return feedOf(request, 'authorization/capabilities', [
            simpleEntry('capabilities', '/services/authorization/capabilities/capabilities', deps.origin(request), {
                capabilities: roles.allCapabilities(),
            }),
        ]);
    });

    const roleEntry = (request: RestRequest, name: string): FeedEntry => {
        const role = roles.role(name);
        if (!role) throw objectNotFound(name);
        const imported = roles.expand(role.importRoles);
        const importedCapabilities = new Set<string>();
        for (const r of imported) for (const c of roles.role(r)?.capabilities ?? []) importedCapabilities.add(c);
        return simpleEntry(name, `/services/authorization/roles/${encodeURIComponent(name)}`, deps.origin(request), {
            capabilities: [...new Set(role.capabilities)].sort(),
            imported_capabilities: [...importedCapabilities].sort(),
            imported_roles: [...role.importRoles],
            srchIndexesDefault: [...role.srchIndexesDefault],
            srchIndexesAllowed: [...role.srchIndexesAllowed],
            imported_srchIndexesDefault: [],
            imported_srchIndexesAllowed: [],
            defaultApp: '',
        });
    };
    router.add('GET', 'authorization/roles', (request) => {
        identityOf(request);
        const all = roles.allRoles();
        const paged = page(all, arg(request, 'count'), arg(request, 'offset'));
        return jsonReply(
            feed(
                `${deps.origin(request)}/services/authorization/roles`,
                paged.items.map((r) => roleEntry(request, r.name)),
                { total: all.length, perPage: paged.perPage, offset: paged.offset },
                deps.now()
            )
        );
    });
    router.add('GET', 'authorization/roles/:name', (request, params) => {
        identityOf(request);
        return feedOf(request, 'authorization/roles', [roleEntry(request, params.name ?? '')]);
    });

    router.add('GET', 'data/ui/times', (request) => {
        identityOf(request);
        return feedOf(
            request,
            'data/ui/times',
            SHIPPED_TIME_PRESETS.map(([name, label, earliest, latest, order]) =>
                simpleEntry(name, `/servicesNS/nobody/search/data/ui/times/${name}`, deps.origin(request), {
                    label,
                    earliest_time: earliest,
                    ...(latest === undefined ? {} : { latest_time: latest }),
                    order,
                    disabled: false,
                    'eai:appName': 'search',
                })
            )
        );
    });
    router.add('GET', 'server/info', (request) => {
        identityOf(request);
        return feedOf(request, 'server/info', [
            simpleEntry('server-info', '/services/server/info/server-info', deps.origin(request), {
                build: GENERATOR.build,
                version: GENERATOR.version,
                product_type: 'enterprise',
                instance_type: 'download',
                serverName: deps.serverName,
                host: deps.serverName,
                host_fqdn: deps.serverName,
                guid: '5C8B1F9E-0000-4000-8000-5EA2C4D0B001',
                os_name: 'Linux',
                cpu_arch: 'x86_64',
                isFree: false,
                isTrial: false,
                kvStoreStatus: deps.kvstoreAvailable() ? 'ready' : 'failed',
                mode: 'normal',
                server_roles: ['search_head', 'kv_store'],
                licenseState: 'OK',
                startup_time: Math.floor(deps.now() / 1000),
            }),
        ]);
    });
}
