import { parseCheck, parseQuota } from '../../api/app-endpoint';
import { accountWords, quotaWords, utcWords } from './connection-words';
import { CHECK_OK, QUOTA_OK } from './fixtures';

describe('Test connection in words', () => {
    it('names the account, the person and the organization', () => {
        expect(accountWords(parseCheck(CHECK_OK))).toBe(
            'PassiveTotal accepted the credentials of analyst@northwind.example (Demo Analyst, organization northwind-demo).'
        );
        expect(accountWords(parseCheck({ ...CHECK_OK, account: {} }))).toBe(
            'PassiveTotal accepted the credentials of analyst@northwind.example.'
        );
    });

    it('says how much quota is used and left, and when it resets', () => {
        expect(quotaWords(parseQuota(QUOTA_OK))).toEqual([
            'Your quota: 137 of 10,000 API searches used this month, 9,863 left; it resets 2026-12-01 00:00 UTC.',
        ]);
        const daily = {
            quota: {
                user: null,
                organization: { used: null, limit: 50, remaining: null, interval: 'daily', resetAt: null },
            },
        };
        expect(quotaWords(parseQuota(daily))).toEqual(['Organization quota: 50 API searches today.']);
        expect(quotaWords(parseQuota({ quota: { user: null, organization: null } }))).toEqual([
            'PassiveTotal reports no search quota for this account.',
        ]);
    });

    it('writes times in UTC', () => {
        expect(utcWords('2026-12-01T00:00:00Z')).toBe('2026-12-01 00:00 UTC');
    });
});
