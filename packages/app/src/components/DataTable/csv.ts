/**
 * CSV export (RFC 4180): fields with a comma, quote, CR or LF are quoted and quotes doubled; lines end in CRLF.
 * Text cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a
 * leading `'`, so data from the Internet cannot run formulas on an analyst's machine (CSV injection). Numbers
 * produced by the app are written as they are.
 */

/** One cell: text, a number, or nothing. */
export type CsvCell = string | number | undefined | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Encodes one cell.
 *
 * @example csvCell('=HYPERLINK("http://x")') // '"\'=HYPERLINK(""http://x"")"'
 * @example csvCell(-3) // '-3'
 */
export function csvCell(value: CsvCell): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
    const text = FORMULA_START.test(value) ? `'${value}` : value;
    return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Encodes a header and rows as one CSV document.
 *
 * @example toCsv(['resolve', 'count'], [['198.51.100.7', 2]]) // 'resolve,count\r\n198.51.100.7,2\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
    return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** A file to hand to the browser. */
export interface CsvFile {
    readonly name: string;
    readonly text: string;
}

/** Saves a file through a temporary object URL (the browser's download). */
export function downloadFile(file: CsvFile): void {
    const url = URL.createObjectURL(new Blob([file.text], { type: 'text/csv;charset=utf-8' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = file.name;
    anchor.rel = 'noopener';
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a table label: "Passive DNS" → "passive-dns.csv". */
export function csvFileName(label: string): string {
    const slug = label
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    return `${slug || 'export'}.csv`;
}
