/**
 * Typed look-ups in the catalogue (`catalogue.generated.ts`): a provider's or operation's entry, the parameter an
 * operation takes its value in, which host types a parameter's validator accepts, the setup fields of a stanza and
 * the credential realm of a provider. Everything else in core, the page and the stand-in asks these instead of
 * restating the catalogue.
 */
import type { HostIndicator } from '../indicators/indicator';
import {
    ERROR_CODES,
    ERRORS,
    PROVIDERS,
    ROUTES,
    SETTINGS,
    type ErrorCode,
    type OperationId,
    type OperationSpec,
    type ProviderId,
    type ProviderSpec,
    type RouteName,
    type SettingSpec,
    type SetupField,
    type ValidatorName,
} from './catalogue.generated';

/** Why the endpoint answers `not_configured`: the values of its `reason` field. */
export type NotConfiguredReason = keyof (typeof ERRORS)['not_configured']['reasons'];

/** The `reason` values of `not_configured`, in catalogue order. */
export const NOT_CONFIGURED_REASONS = Object.keys(ERRORS.not_configured.reasons) as readonly NotConfiguredReason[];

/** The host types a parameter validator accepts; validators of other values (emails, hashes, text) accept none. */
const HOST_TYPES: Readonly<Partial<Record<ValidatorName, readonly HostIndicator['type'][]>>> = {
    domain: ['domain'],
    ip: ['ipv4', 'ipv6'],
    host: ['domain', 'ipv4', 'ipv6'],
    host_or_wildcard: ['domain', 'ipv4', 'ipv6'],
    subdomain_query: ['domain'],
    sha1_or_ip: ['ipv4', 'ipv6'],
};

/**
 * A provider's catalogue entry.
 *
 * @example providerSpec('crtsh').label // 'crt.sh'
 */
export function providerSpec(id: ProviderId): ProviderSpec {
    return PROVIDERS[id];
}

/**
 * An operation's catalogue entry.
 *
 * @example operationSpec('otx', 'passive_dns').path // '/api/v1/indicators/{kind}/{q}/passive_dns'
 */
export function operationSpec<P extends ProviderId>(id: P, operation: OperationId<P>): OperationSpec {
    const spec = providerSpec(id).operations[operation];
    if (!spec) throw new Error(`${id} has no operation ${operation} in the catalogue`);
    return spec;
}

/**
 * Every operation of a provider, in catalogue order.
 *
 * @example operationIds('crtsh') // ['certificates', 'subdomains']
 */
export function operationIds<P extends ProviderId>(id: P): readonly OperationId<P>[] {
    return Object.keys(providerSpec(id).operations) as OperationId<P>[];
}

/**
 * The parameter an operation takes its value in: its first one (`q` for the open providers, `query` for
 * PassiveTotal); undefined for an operation without parameters.
 *
 * @example valueParam('crtsh', 'certificates') // 'q'
 */
export function valueParam<P extends ProviderId>(id: P, operation: OperationId<P>): string | undefined {
    return Object.keys(operationSpec(id, operation).params)[0];
}

/**
 * Whether an operation's value parameter takes a host of this type.
 *
 * @example takesHost('rdap', 'domain', 'ipv4') // false
 * @example takesHost('mnemonic', 'resolutions', 'ipv6') // true
 */
export function takesHost<P extends ProviderId>(
    id: P,
    operation: OperationId<P>,
    type: HostIndicator['type']
): boolean {
    const name = valueParam(id, operation);
    const param = name === undefined ? undefined : operationSpec(id, operation).params[name];
    return param !== undefined && (HOST_TYPES[param.validator]?.includes(type) ?? false);
}

/**
 * The `storage/passwords` realm of a provider's key: `passivetotal` for PassiveTotal (route `pt`),
 * `passivetotal_<id>` for an open provider.
 *
 * @example credentialRealm('otx') // 'passivetotal_otx'
 */
export function credentialRealm(id: ProviderId): string {
    return providerSpec(id).route === 'pt' ? 'passivetotal' : `passivetotal_${id}`;
}

/**
 * How a provider's key is asked for: whether a username goes with it (HTTP basic) and what the key is called.
 *
 * @example keyWords('circl') // { basic: true, secret: 'password' }
 */
export function keyWords(id: ProviderId): { readonly basic: boolean; readonly secret: string } {
    const { auth } = providerSpec(id);
    return { basic: auth.style === 'basic', secret: auth.secret ?? 'key' };
}

/**
 * True for an error code of the catalogue.
 *
 * @example isErrorCode('rate_limited') // true
 * @example isErrorCode('provider_disabled') // false
 */
export function isErrorCode(code: unknown): code is ErrorCode {
    return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/**
 * True for a `reason` of `not_configured`.
 *
 * @example isNotConfiguredReason('key_missing') // true
 */
export function isNotConfiguredReason(reason: unknown): reason is NotConfiguredReason {
    return typeof reason === 'string' && (NOT_CONFIGURED_REASONS as readonly string[]).includes(reason);
}

/**
 * The catalogue's entry of a setup form field (its stanza, key, type, range and default).
 *
 * @example settingOf('provider.crtsh.ttl_seconds').default // 21600
 */
export function settingOf(field: SetupField): SettingSpec {
    const found = (SETTINGS as readonly SettingSpec[]).find((s) => s.setup === field);
    if (!found) throw new Error(`no setting has the setup field ${field}`);
    return found;
}

/**
 * The default of a numeric setup field, and its range.
 *
 * @example numericSetting('max_sighting_candidates') // { default: 5000, min: 1, max: 50000 }
 */
export function numericSetting(field: SetupField): {
    readonly default: number;
    readonly min: number;
    readonly max: number;
} {
    const setting = settingOf(field);
    if (typeof setting.default !== 'number' || setting.min === undefined || setting.max === undefined) {
        throw new Error(`the setup field ${field} is not a number with a range`);
    }
    return { default: setting.default, min: setting.min, max: setting.max };
}

/**
 * A route of the app's endpoint as a path under the endpoint (`passivetotal/<route>`); for the `pt` and `open`
 * families the prefix their calls go under.
 *
 * @example endpointPath('setup') // 'passivetotal/setup'
 * @example endpointPath('open') // 'passivetotal/open'
 */
export function endpointPath(route: RouteName): string {
    return `passivetotal/${ROUTES[route].path.split('/')[0] ?? route}`;
}
