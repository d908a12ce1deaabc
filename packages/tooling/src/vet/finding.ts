/** How bad a finding is: `failure` blocks packaging, `warning` and `info` are shown for review. */
export type Severity = 'failure' | 'warning' | 'info';

/** One result of a vetting rule. */
export interface Finding {
    /** AppInspect's check name where one exists (`check_for_executable_flag`), else a `vet_...` name. */
    readonly rule: string;
    readonly severity: Severity;
    /** Path relative to the app directory, `/`-separated; `.` for the app as a whole. */
    readonly file: string;
    /** 1-based line, when the finding points into a text file. */
    readonly line?: number;
    readonly message: string;
}

/**
 * Shorthand for building a finding; omits `line` when it is undefined.
 *
 * @example
 * finding('check_for_local_meta', 'failure', 'metadata/local.meta', 'must not be shipped')
 */
export function finding(rule: string, severity: Severity, file: string, message: string, line?: number): Finding {
    return line === undefined ? { rule, severity, file, message } : { rule, severity, file, line, message };
}
