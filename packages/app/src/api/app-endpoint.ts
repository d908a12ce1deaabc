/**
 * Typed calls of the app's own REST endpoint (README.md, "The app's REST endpoint") that more than one page uses:
 * `status`, `check` and `quota`. Answers are checked field by field, so a wrong shape is an error here and not a
 * blank somewhere in a component.
 */
import { endpointPath } from '@passivetotal/core';
import { RestError, restGet } from './rest';

/** A 1.0.4 upgrade note (only administrators get it). */
export interface MigrationNote {
    readonly from: string;
    /** ISO 8601. */
    readonly at: string;
    readonly text: string;
}

/** `GET passivetotal/status`: who the user is, what they may do, and whether the app is configured. */
export interface AppStatus {
    readonly version: string;
    readonly user: string;
    readonly capabilities: { readonly query: boolean; readonly admin: boolean };
    readonly configured: boolean;
    /** The PassiveTotal username (never the key); null when not configured or for users without an app role. */
    readonly username: string | null;
    readonly baseUrl: string | null;
    readonly settingsError?: string;
    readonly credentialsError?: string;
    readonly migration?: MigrationNote | null;
    readonly migrationError?: string;
}

/** `GET passivetotal/check`: PassiveTotal accepted the credentials. */
export interface ConnectionCheck {
    readonly text: string;
    readonly username: string | null;
    readonly account: {
        readonly username?: string;
        readonly organization?: string;
        readonly firstName?: string;
        readonly lastName?: string;
    };
    readonly baseUrl: string;
    readonly checkedAt: string;
}

/** One quota block of `GET passivetotal/quota`. */
export interface QuotaBlock {
    readonly used: number | null;
    readonly limit: number;
    readonly remaining: number | null;
    readonly interval: string | null;
    readonly resetAt: string | null;
}

/** The user's own PassiveTotal lookups today (`usage` of `GET passivetotal/quota`); `limit` null: no allowance. */
export interface UserUsage {
    readonly used: number;
    readonly limit: number | null;
    readonly resetAt: string | null;
}

export interface QuotaSummary {
    readonly user: QuotaBlock | null;
    readonly organization: QuotaBlock | null;
    readonly resetAt: string | null;
    readonly usage?: UserUsage | null;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(what: string): RestError {
    return new RestError(
        200,
        [{ type: 'ERROR', text: `The app's endpoint gave an answer this page does not understand (${what}).` }],
        'malformed'
    );
}

function record(value: unknown, what: string): Json {
    if (!isRecord(value)) throw malformed(what);
    return value;
}

function text(value: unknown): string | undefined {
    return typeof value === 'string' ? value : undefined;
}

function textOrNull(value: unknown): string | null {
    return typeof value === 'string' ? value : null;
}

function numberOrNull(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function migrationOf(value: unknown): MigrationNote | null {
    if (!isRecord(value)) return null;
    const from = text(value.from);
    const at = text(value.at);
    const note = text(value.text);
    return from !== undefined && at !== undefined && note !== undefined ? { from, at, text: note } : null;
}

/** Parses the `status` answer. */
export function parseStatus(body: unknown): AppStatus {
    const doc = record(body, 'status');
    const capabilities = record(doc.capabilities, 'status capabilities');
    const optional = (key: string): { [key: string]: string } => {
        const value = text(doc[key]);
        return value === undefined ? {} : { [key]: value };
    };
    return {
        version: text(doc.version) ?? '',
        user: text(doc.user) ?? '',
        capabilities: { query: capabilities.query === true, admin: capabilities.admin === true },
        configured: doc.configured === true,
        username: textOrNull(doc.username),
        baseUrl: textOrNull(doc.baseUrl),
        ...optional('settingsError'),
        ...optional('credentialsError'),
        ...optional('migrationError'),
        ...('migration' in doc ? { migration: migrationOf(doc.migration) } : {}),
    };
}

/** Parses the `check` answer. */
export function parseCheck(body: unknown): ConnectionCheck {
    const doc = record(body, 'check');
    const account = isRecord(doc.account) ? doc.account : {};
    const pick = (key: string): { [key: string]: string } => {
        const value = text(account[key]);
        return value === undefined ? {} : { [key]: value };
    };
    return {
        text: text(doc.text) ?? 'PassiveTotal accepted the credentials.',
        username: textOrNull(doc.username),
        account: { ...pick('username'), ...pick('organization'), ...pick('firstName'), ...pick('lastName') },
        baseUrl: text(doc.baseUrl) ?? '',
        checkedAt: text(doc.checkedAt) ?? '',
    };
}

function quotaBlock(value: unknown): QuotaBlock | null {
    if (!isRecord(value)) return null;
    const limit = numberOrNull(value.limit);
    if (limit === null) return null;
    return {
        used: numberOrNull(value.used),
        limit,
        remaining: numberOrNull(value.remaining),
        interval: textOrNull(value.interval),
        resetAt: textOrNull(value.resetAt),
    };
}

/** Parses the `quota` answer's summary. */
export function parseQuota(body: unknown): QuotaSummary {
    const answer = record(body, 'quota');
    const quota = record(answer.quota, 'quota summary');
    const usage = isRecord(answer.usage) && typeof answer.usage.used === 'number' ? answer.usage : null;
    return {
        user: quotaBlock(quota.user),
        organization: quotaBlock(quota.organization),
        resetAt: textOrNull(quota.resetAt),
        usage: usage
            ? {
                  used: usage.used as number,
                  limit: typeof usage.limit === 'number' ? usage.limit : null,
                  resetAt: textOrNull(usage.resetAt),
              }
            : null,
    };
}

/** `GET passivetotal/status`. */
export async function getStatus(signal?: AbortSignal): Promise<AppStatus> {
    return parseStatus(await restGet(endpointPath('status'), signal ? { signal } : {}));
}

/** `GET passivetotal/check`: tests the stored credentials against PassiveTotal (a free call). */
export async function checkConnection(signal?: AbortSignal): Promise<ConnectionCheck> {
    return parseCheck(await restGet(endpointPath('check'), signal ? { signal } : {}));
}

/** `GET passivetotal/quota`. */
export async function getQuota(signal?: AbortSignal): Promise<QuotaSummary> {
    return parseQuota(await restGet(endpointPath('quota'), signal ? { signal } : {}));
}
