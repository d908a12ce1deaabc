import { DEFAULT_EXPOSE_RULES, exposeRulesFromConf, findExposeRule } from './expose-rules';

describe('Splunk Web expose rules', () => {
    it('matches one element with *, any number with ** and a prefix with x*, as web.conf.spec says', () => {
        const rules = exposeRulesFromConf([
            { name: 'expose:a', keys: { pattern: 'a/*/c' } },
            { name: 'expose:b', keys: { pattern: 'b/**/c', methods: 'GET, post' } },
            { name: 'expose:e', keys: { pattern: 'x/elem-*/y' } },
        ]);
        expect(findExposeRule(rules, 'a/b/c')?.name).toBe('a');
        expect(findExposeRule(rules, 'a/1/2/c')).toBeUndefined();
        expect(findExposeRule(rules, 'b/c')?.name).toBe('b');
        expect(findExposeRule(rules, 'b/1/2/3/c')?.methods).toEqual(['GET', 'POST']);
        expect(findExposeRule(rules, 'x/elem-123/y')?.name).toBe('e');
        expect(findExposeRule(rules, 'x/other/y')).toBeUndefined();
    });

    it('defaults methods to GET and honours skipCSRFProtection', () => {
        const [only] = exposeRulesFromConf([
            { name: 'expose:pt', keys: { pattern: '/passivetotal/*/', skipCSRFProtection: '1' } },
        ]);
        expect(only).toEqual({ name: 'pt', pattern: 'passivetotal/*', methods: ['GET'], skipCsrf: true });
    });

    it("exposes what @splunk/search-job and the app's pages call, and not the rest of splunkd", () => {
        expect(findExposeRule(DEFAULT_EXPOSE_RULES, 'search/jobs')?.methods).toContain('POST');
        expect(findExposeRule(DEFAULT_EXPOSE_RULES, 'search/v2/jobs/1.2/results')).toBeDefined();
        expect(findExposeRule(DEFAULT_EXPOSE_RULES, 'storage/collections/data/pt_cache/abc')).toBeDefined();
        expect(findExposeRule(DEFAULT_EXPOSE_RULES, 'storage/passwords/passivetotal%3Ax%3A')).toBeDefined();
        expect(findExposeRule(DEFAULT_EXPOSE_RULES, 'server/control/restart')).toBeUndefined();
        expect(findExposeRule(DEFAULT_EXPOSE_RULES, 'passivetotal/pt/dns/passive')).toBeUndefined();
    });
});
