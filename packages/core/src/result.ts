/**
 * The one result shape of every total function in core: a value, or a typed "no result" that names what was
 * expected, so the UI can show a useful message without catching exceptions.
 */

/** A successful result. */
export interface Ok<T> {
    readonly ok: true;
    /** The value produced. */
    readonly value: T;
}

/** A failed result: input that could not be used, never an exception. */
export interface Failure {
    readonly ok: false;
    /** What was wrong with the input, in words an analyst understands ("999 is not an IPv4 octet"). */
    readonly reason: string;
    /** What would have been accepted ("an IPv4 address such as 198.51.100.7"). */
    readonly expected: string;
}

/** Either a value or a {@link Failure}. */
export type Result<T> = Ok<T> | Failure;

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Ok<T> {
    return { ok: true, value };
}

/** Builds a failed result. */
export function fail(reason: string, expected: string): Failure {
    return { ok: false, reason, expected };
}
