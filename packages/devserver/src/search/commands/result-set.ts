/** What flows between the commands of a pipeline. */
import type { Row } from '../field-value';

/** Rows plus the preferred order of their fields (names may be absent from every row). */
export interface ResultSet {
    /** The rows, in result order. */
    readonly rows: Row[];
    /** Preferred field order for output; fields not listed follow in order of first appearance. */
    readonly order: readonly string[];
}

/** A non-generating command: turns one result set into the next. */
export interface StreamCommand {
    /** The command name (for errors and tests). */
    readonly name: string;
    /** When set, the command keeps at most this many leading rows (lets the search stop early). */
    readonly rowLimit?: number;
    /** Applies the command. */
    apply(input: ResultSet): ResultSet;
}
