/**
 * "Test connection" in words: who PassiveTotal says the account is, and how much quota is left.
 */
import type { ConnectionCheck, QuotaBlock, QuotaSummary } from '../../api/app-endpoint';

const count = (n: number): string => n.toLocaleString('en-US');

function period(interval: string | null): string {
    if (interval === 'monthly') return 'this month';
    if (interval === 'daily') return 'today';
    if (interval === 'weekly') return 'this week';
    return interval ? `per ${interval} period` : 'in this period';
}

/** `2026-12-01T00:00:00Z` as `2026-12-01 00:00 UTC`. */
export function utcWords(iso: string): string {
    return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

/** The account line, e.g. "PassiveTotal accepted the credentials of a@example.com (Demo Analyst, organization x)." */
export function accountWords(check: ConnectionCheck): string {
    const who = check.account.username ?? check.username;
    const name = [check.account.firstName, check.account.lastName].filter((p) => p !== undefined && p !== '').join(' ');
    const details = [name, check.account.organization ? `organization ${check.account.organization}` : '']
        .filter((d) => d !== '')
        .join(', ');
    if (who === null) return check.text;
    return `PassiveTotal accepted the credentials of ${who}${details ? ` (${details})` : ''}.`;
}

function blockWords(label: string, block: QuotaBlock): string {
    const used =
        block.used === null
            ? `${label} quota: ${count(block.limit)} API searches ${period(block.interval)}`
            : `${label} quota: ${count(block.used)} of ${count(block.limit)} API searches used ${period(block.interval)}`;
    const left = block.remaining === null ? '' : `, ${count(block.remaining)} left`;
    const reset = block.resetAt ? `; it resets ${utcWords(block.resetAt)}` : '';
    return `${used}${left}${reset}.`;
}

/** The quota lines, e.g. "Your quota: 137 of 10,000 API searches used this month, 9,863 left; it resets …". */
export function quotaWords(quota: QuotaSummary): string[] {
    const lines: string[] = [];
    if (quota.user) lines.push(blockWords('Your', quota.user));
    if (quota.organization) lines.push(blockWords('Organization', quota.organization));
    if (lines.length === 0) lines.push('PassiveTotal reports no search quota for this account.');
    return lines;
}
