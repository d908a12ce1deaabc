/// <reference types="node" />
/**
 * `@passivetotal/core/testing`: what tests of core and of the packages that use it share, kept out of the main
 * entry so that no consumer of `@passivetotal/core` needs jest's or Node's types. Runs under jest only.
 */
import path from 'node:path';

/**
 * The shared provider contract suite (call it at the top level of a jest test file).
 * @example providerContractTests('PassiveTotal', () => ({ provider, known: evilExample, failing }));
 */
export { providerContractTests, type ContractSubject } from './provider-contract-tests';

/**
 * Which mapper reads which PassiveTotal endpoint, by API path: for tests that map every fixture of a folder.
 * @example mapperForPath('cookies/domain/evil.example/hosts') === mapCookies // true
 * @example MAPPERS['dns/passive'] === mapPassiveDns // true
 */
export { MAPPERS, mapperForPath, type Mapper } from './mapper-table';

/**
 * Inspect generated SPL: tokens and structure, the way Splunk's parser sees quotes, backticks, pipes and brackets.
 * @example splSkeleton('TERM(a) OR "b"') // 'VAL OR VAL'
 */
export { lexSpl, splSkeleton, type SplToken } from './spl-lexer';

/**
 * The folder of core's composed PassiveTotal answers, one file per API path with `/` written as `-`
 * (`dns/passive` → `dns-passive.json`); single files are also importable as
 * `@passivetotal/core/fixtures/passivetotal/<name>.json`.
 */
export const PASSIVETOTAL_FIXTURES_DIR = path.resolve(__dirname, '../providers/passivetotal/fixtures');
