import { parseQuota } from '../api/app-endpoint';
import { quotaFromSummary } from './backend';

describe('the quota route as the header shows it', () => {
    const quota = {
        user: { used: 137, limit: 10000, remaining: 9863, interval: 'monthly', resetAt: '2026-12-01T00:00:00Z' },
        organization: null,
        resetAt: '2026-12-01T00:00:00Z',
    };

    it('carries the user’s own lookups today when the app limits them', () => {
        const usage = { provider: 'passivetotal', used: 180, limit: 500, resetAt: '2026-11-02T00:00:00Z' };
        expect(quotaFromSummary(parseQuota({ quota, usage }))).toEqual({
            interval: 'monthly',
            used: 137,
            limit: 10000,
            remaining: 9863,
            nextReset: '2026-12-01T00:00:00Z',
            mine: { used: 180, limit: 500 },
        });
    });

    it('says nothing of the user’s own lookups without a limit, or from an endpoint that does not count them', () => {
        const unlimited = { provider: 'passivetotal', used: 0, limit: null, resetAt: '2026-11-02T00:00:00Z' };
        expect(quotaFromSummary(parseQuota({ quota, usage: unlimited }))).not.toHaveProperty('mine');
        expect(quotaFromSummary(parseQuota({ quota }))).not.toHaveProperty('mine');
    });
});
