/**
 * Authentication: session keys from `auth/login`, `Authorization: Splunk <key>` and HTTP basic
 * auth, and the system token handed to persistent handlers with `passSystemAuth`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Identity, RoleTable, UserAccount } from './identity';

/** How a request authenticated: its identity and the session key it used (if any). */
export interface Authenticated {
    readonly identity: Identity;
    readonly token: string | undefined;
}

function newKey(): string {
    // Real session keys are long opaque strings with `^` and `_`; hex is enough for the clients.
    return randomBytes(30).toString('base64url');
}

function samePassword(given: string, expected: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
}

/** The user accounts and their live sessions. */
export class Sessions {
    private readonly sessions = new Map<string, string>();
    private readonly basicSessions = new Map<string, string>();
    private readonly accounts: ReadonlyMap<string, UserAccount>;
    /** The system token (`system_authtoken`): splunk-system-user, every capability. */
    readonly systemToken: string = newKey();

    /**
     * @param accounts the stand-in's users
     * @param roles the role table identities are built from
     */
    constructor(
        accounts: readonly UserAccount[],
        private readonly roles: RoleTable
    ) {
        this.accounts = new Map(accounts.map((a) => [a.name.toLowerCase(), a]));
    }

    /** A new session key for the user when the password is right, otherwise undefined. */
    login(user: string, password: string): string | undefined {
        const account = this.accounts.get(user.toLowerCase());
        if (!account || !samePassword(password, account.password)) return undefined;
        return this.openSession(account.name);
    }

    /** A new session key for a known user without a password (Splunk Web's trusted login), else undefined. */
    sessionFor(user: string): string | undefined {
        const account = this.accounts.get(user.toLowerCase());
        return account ? this.openSession(account.name) : undefined;
    }

    /** Ends a session. */
    logout(token: string): void {
        this.sessions.delete(token);
    }

    /** The identity of a session key (the system token included), or undefined. */
    identityOfToken(token: string): Identity | undefined {
        if (token === this.systemToken) return this.roles.systemIdentity();
        const user = this.sessions.get(token);
        return user === undefined ? undefined : this.identityOf(user);
    }

    /** The identity of a user name, or undefined. */
    identityOf(user: string): Identity | undefined {
        const account = this.accounts.get(user.toLowerCase());
        return account ? this.roles.identity(account.name, account.realname, account.roles) : undefined;
    }

    /** Authenticates an `Authorization` header (`Splunk <key>` or `Basic <base64>`). */
    authenticate(authorization: string | undefined): Authenticated | undefined {
        if (authorization === undefined) return undefined;
        const splunk = /^Splunk\s+(\S+)\s*$/i.exec(authorization);
        if (splunk?.[1] !== undefined) {
            const identity = this.identityOfToken(splunk[1]);
            return identity ? { identity, token: splunk[1] } : undefined;
        }
        const basic = /^Basic\s+(\S+)\s*$/i.exec(authorization);
        if (basic?.[1] !== undefined) {
            const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon < 0) return undefined;
            const user = decoded.slice(0, colon);
            const account = this.accounts.get(user.toLowerCase());
            if (!account || !samePassword(decoded.slice(colon + 1), account.password)) return undefined;
            // One reusable session per user for basic auth, so repeated calls do not pile up sessions.
            let token = this.basicSessions.get(account.name);
            if (token === undefined || !this.sessions.has(token)) {
                token = this.openSession(account.name);
                this.basicSessions.set(account.name, token);
            }
            const identity = this.identityOfToken(token);
            return identity ? { identity, token } : undefined;
        }
        return undefined;
    }

    private openSession(user: string): string {
        const key = newKey();
        this.sessions.set(key, user);
        return key;
    }
}
