/**
 * `@passivetotal/tooling`: Splunk `.conf` and `.spec` parsing, the spec validator, the mechanical
 * AppInspect rules and the packager. The CLIs are `vet-cli.ts` and `package-cli.ts`.
 */
export { confToObject, confValue, findKey, findStanza, parseConf } from './conf/parse-conf';
export type { ConfFile, ConfKey, ConfProblem, ConfProblemKind, ConfStanza } from './conf/parse-conf';
export { compileSpecPattern } from './spec/spec-pattern';
export type { SpecPattern } from './spec/spec-pattern';
export { confNameOfSpec, parseSpec } from './spec/parse-spec';
export type { SpecFile, SpecKey, SpecStanza } from './spec/parse-spec';
export { buildSpecSet, loadSpecDir } from './spec/spec-set';
export type { LoadedSpec, SpecOrigin, SpecSet } from './spec/spec-set';
export { validateConf } from './spec/validate-conf';
export type { ConfIssue, ConfIssueKind } from './spec/validate-conf';
export { resolveSpecDir } from './spec/resolve-spec-dir';
export type { SpecDirResolution, SpecDirSource } from './spec/resolve-spec-dir';
export { closestMatch, editDistance } from './spec/levenshtein';
export { vetApp } from './vet/vet-app';
export type { VetOptions, VetResult } from './vet/vet-app';
export type { Finding, Severity } from './vet/finding';
export { formatFindings } from './vet/format-findings';
export { archiveMtime, archiveProblems, isShippable, listArchive, writeArchive } from './package/write-archive';
export type { ArchiveEntry, WrittenArchive } from './package/write-archive';
