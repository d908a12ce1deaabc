/**
 * `@passivetotal/core/testing`: what tests of core and of the packages that use it share, kept out of the main
 * entry so that no consumer of `@passivetotal/core` needs jest's or Node's types. Runs in Node under jest.
 */

/**
 * The shared provider contract suite (call it at the top level of a jest test file).
 * @example providerContractTests('PassiveTotal', () => ({ provider, known: evilExample, failing }));
 */
export { providerContractTests, type ContractSubject } from './provider-contract-tests';

/**
 * Which mapper reads which PassiveTotal endpoint, by API path: for tests that map every fixture of a folder.
 * @example mapperForPath('v2/host-attributes/cookies.json') === mapCookies // true
 * @example MAPPERS['dns/passive'] === mapPassiveDns // true
 */
export { MAPPERS, mapperForPath, type Mapper } from './mapper-table';

/**
 * Inspect generated SPL: tokens and structure, the way Splunk's parser sees quotes, backticks, pipes and brackets.
 * @example splSkeleton('TERM(a) OR "b"') // 'VAL OR VAL'
 */
export { lexSpl, splSkeleton, type SplToken } from './spl-lexer';

/**
 * Golden files of mapped answers, rewritten only with `UPDATE_GOLDEN=1`.
 * @example expectGolden(join(__dirname, '__golden__', 'whois.golden.json'), mapped.value)
 */
export { expectGolden } from './golden';

/**
 * Indicators and results a test knows are valid, and core's composed answers of PassiveTotal and the open providers.
 * @example parsedIndicator('evil[.]example'); valueOf(mapWhois(passiveTotalFixture('whois'))); openFixture('crtsh', 'certificates')
 */
export {
    parsedIndicator,
    valueOf,
    passiveTotalFixture,
    openFixture,
    PASSIVETOTAL_FIXTURES_DIR,
    OPEN_FIXTURES_DIR,
} from './fixtures';
