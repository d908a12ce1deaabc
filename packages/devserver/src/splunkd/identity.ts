/**
 * Users, roles and capabilities: the system roles of {@link SYSTEM_ROLES} merged with the app's
 * `default/authorize.conf` (`[role_<name>]` with `importRoles`, `<capability> = enabled`,
 * `srchIndexesDefault`; `[capability::<name>]` declares a capability). A role's capabilities are
 * its own plus those of every role it imports, transitively, as in Splunk. Administrators get the
 * app's capabilities only where the app grants them (`[role_admin] <capability> = enabled`),
 * exactly like a real splunkd.
 */
import type { ConfFile } from '@passivetotal/tooling/conf';
import { SYSTEM_CAPABILITIES, SYSTEM_ROLES, type RoleDefinition } from './system-roles';

/** The caller of a request, as splunkd sees it. */
export interface Identity {
    /** User name (`splunk-system-user` for the system token). */
    readonly name: string;
    readonly realname: string;
    /** Roles assigned to the user. */
    readonly roles: readonly string[];
    /** The assigned roles plus every role they import. */
    readonly effectiveRoles: readonly string[];
    readonly capabilities: ReadonlySet<string>;
    /** Indexes a search reads when it names none (`srchIndexesDefault` of the effective roles). */
    readonly defaultIndexes: readonly string[];
    /** True for the system user (`system_authtoken`), which may do everything. */
    readonly isSystem: boolean;
}

/** A user account of the stand-in. */
export interface UserAccount {
    readonly name: string;
    readonly realname: string;
    readonly password: string;
    readonly roles: readonly string[];
}

/** The name of the identity behind `system_authtoken`. */
export const SYSTEM_USER = 'splunk-system-user';

const TRUE_WORDS = new Set(['enabled']);

function splitList(value: string | undefined): string[] {
    return (value ?? '')
        .split(/[;,]/)
        .map((v) => v.trim())
        .filter((v) => v !== '');
}

/** The roles and capabilities in force: the system ones merged with the app's authorize.conf. */
export class RoleTable {
    private readonly roles = new Map<string, RoleDefinition>();
    private readonly declared = new Set<string>(SYSTEM_CAPABILITIES);

    /** @param authorizeConf the app's parsed `default/authorize.conf`, if it has one */
    constructor(authorizeConf: ConfFile | undefined) {
        for (const role of SYSTEM_ROLES) this.roles.set(role.name, role);
        if (!authorizeConf) return;
        for (const stanza of authorizeConf.stanzas) {
            const capability = /^capability::(.+)$/.exec(stanza.name)?.[1];
            if (capability !== undefined) {
                this.declared.add(capability);
                continue;
            }
            const roleName = /^role_(.+)$/.exec(stanza.name)?.[1];
            if (roleName === undefined) continue;
            const existing = this.roles.get(roleName);
            const keys = new Map(stanza.keys.map((k) => [k.key, k.value]));
            const granted = stanza.keys.filter((k) => TRUE_WORDS.has(k.value.trim().toLowerCase())).map((k) => k.key);
            for (const c of granted) this.declared.add(c);
            this.roles.set(roleName, {
                name: roleName,
                capabilities: [...(existing?.capabilities ?? []), ...granted],
                importRoles: keys.has('importRoles')
                    ? splitList(keys.get('importRoles'))
                    : (existing?.importRoles ?? []),
                srchIndexesDefault: keys.has('srchIndexesDefault')
                    ? splitList(keys.get('srchIndexesDefault'))
                    : (existing?.srchIndexesDefault ?? []),
                srchIndexesAllowed: keys.has('srchIndexesAllowed')
                    ? splitList(keys.get('srchIndexesAllowed'))
                    : (existing?.srchIndexesAllowed ?? []),
            });
        }
    }

    /** Every capability known to splunkd (system plus the app's), sorted. */
    allCapabilities(): string[] {
        return [...this.declared].sort();
    }

    /** Every role, sorted by name. */
    allRoles(): RoleDefinition[] {
        return [...this.roles.values()].sort((a, b) => a.name.localeCompare(b.name));
    }

    /** A role by name. */
    role(name: string): RoleDefinition | undefined {
        return this.roles.get(name);
    }

    /** The given roles plus every role they import (transitively), in discovery order. */
    expand(roles: readonly string[]): string[] {
        const seen: string[] = [];
        const queue = [...roles];
        while (queue.length > 0) {
            const name = queue.shift();
            if (name === undefined || seen.includes(name)) continue;
            seen.push(name);
            queue.push(...(this.roles.get(name)?.importRoles ?? []));
        }
        return seen;
    }

    /** The identity of a user with the given roles. */
    identity(name: string, realname: string, roles: readonly string[]): Identity {
        const effectiveRoles = this.expand(roles);
        const capabilities = new Set<string>();
        const defaultIndexes: string[] = [];
        for (const roleName of effectiveRoles) {
            const role = this.roles.get(roleName);
            if (!role) continue;
            for (const c of role.capabilities) capabilities.add(c);
            for (const index of role.srchIndexesDefault)
                if (!defaultIndexes.includes(index)) defaultIndexes.push(index);
        }
        return { name, realname, roles: [...roles], effectiveRoles, capabilities, defaultIndexes, isSystem: false };
    }

    /** The system user: every capability, roles `splunk-system-role`. */
    systemIdentity(): Identity {
        const base = this.identity(SYSTEM_USER, SYSTEM_USER, ['splunk-system-role']);
        return { ...base, capabilities: new Set(this.allCapabilities()), isSystem: true };
    }
}

/** True when the identity has the capability (the system user has all). */
export function hasCapability(identity: Identity, capability: string): boolean {
    return identity.isSystem || identity.capabilities.has(capability);
}

/**
 * Evaluates a restmap.conf capability expression such as `a and (b or c)` for an identity.
 * Unparseable expressions deny.
 */
export function satisfiesCapabilityExpression(identity: Identity, expression: string): boolean {
    const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
    let position = 0;
    const peek = (): string | undefined => tokens[position];
    const parseOr = (): boolean => {
        let value = parseAnd();
        while (peek()?.toLowerCase() === 'or') {
            position++;
            const right = parseAnd();
            value = value || right;
        }
        return value;
    };
    const parseAnd = (): boolean => {
        let value = parseAtom();
        while (peek()?.toLowerCase() === 'and') {
            position++;
            const right = parseAtom();
            value = value && right;
        }
        return value;
    };
    const parseAtom = (): boolean => {
        const token = tokens[position++];
        if (token === undefined) throw new Error('unexpected end');
        if (token === '(') {
            const value = parseOr();
            if (tokens[position++] !== ')') throw new Error('missing )');
            return value;
        }
        if (token === ')' || token.toLowerCase() === 'and' || token.toLowerCase() === 'or')
            throw new Error('unexpected token');
        return hasCapability(identity, token);
    };
    try {
        const result = parseOr();
        return position === tokens.length && result;
    } catch {
        return false;
    }
}

/** splunkd's 403 text for a missing capability. */
export function permissionDeniedText(identity: Identity, capability: string): string {
    const roles = [...identity.roles].sort().join(', ');
    return `You (user=${identity.name}) with roles { ${roles} } do not have permission to perform this operation (requires capability: ${capability}).`;
}
