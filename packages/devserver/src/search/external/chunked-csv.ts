/**
 * The CSV body of the chunked protocol: a header row, then one row per record. Every field `f` has a
 * companion column `__mv_f`: empty for a single value, and for a multivalue field the values written
 * `$a$;$b$` (each value between dollars, a dollar inside a value doubled, values joined by `;`), while
 * the plain column holds the values joined by newlines. An empty value means the record does not have
 * the field. Quoting follows RFC 4180 (`"` doubled inside quotes). On the way out, rows end with `\n`
 * and a cell is quoted when it holds white space, a comma or a quote, or begins with `_` (so are
 * `"_time"` and `"__mv__time"`), as splunkd writes them; either `\n` or `\r\n` is read.
 */
import { formatNumber, type FieldValue, type Row } from '../field-value';

const MV_PREFIX = '__mv_';

/** The records of a body and their field names in column order (without the `__mv_` columns). */
export interface DecodedRecords {
    readonly fields: string[];
    readonly rows: Row[];
}

function needsQuotes(text: string): boolean {
    return text.startsWith('_') || /[\s,"]/.test(text);
}

function quote(text: string): string {
    if (text === '' || !needsQuotes(text)) return text;
    return `"${text.replace(/"/g, '""')}"`;
}

/** `$a$;$b$` for a list of values. */
export function encodeMultivalue(values: readonly string[]): string {
    return values.map((v) => `$${v.replace(/\$/g, '$$$$')}$`).join(';');
}

/** The values of `$a$;$b$`, or undefined when the text is not in that form. */
export function decodeMultivalue(text: string): string[] | undefined {
    const values: string[] = [];
    let i = 0;
    while (i < text.length) {
        if (text[i] !== '$') return undefined;
        let value = '';
        let j = i + 1;
        for (;;) {
            if (j >= text.length) return undefined;
            if (text[j] === '$') {
                if (text[j + 1] === '$') {
                    value += '$';
                    j += 2;
                    continue;
                }
                break;
            }
            value += text.charAt(j);
            j++;
        }
        values.push(value);
        i = j + 1;
        if (i < text.length) {
            if (text[i] !== ';') return undefined;
            i++;
            if (i === text.length) return undefined;
        }
    }
    return values;
}

function plainText(value: FieldValue): { plain: string; mv: string } {
    if (typeof value === 'number') return { plain: formatNumber(value), mv: '' };
    if (typeof value === 'string') return { plain: value, mv: '' };
    if (value.length === 1) return { plain: value[0] ?? '', mv: '' };
    return { plain: value.join('\n'), mv: encodeMultivalue(value) };
}

/**
 * Writes records as a chunk body. `fields` are the columns in order (each followed by its `__mv_`
 * column); no records and no fields give an empty body.
 * @example encodeRecords([new Map([['ip', ['10.0.0.1', '10.0.0.2']]])], ['ip'])
 * // 'ip,"__mv_ip"\n"10.0.0.1\n10.0.0.2",$10.0.0.1$;$10.0.0.2$\n'
 */
export function encodeRecords(rows: readonly Row[], fields: readonly string[]): string {
    if (fields.length === 0) return '';
    const lines = [fields.flatMap((f) => [quote(f), quote(`${MV_PREFIX}${f}`)]).join(',')];
    for (const row of rows) {
        const cells: string[] = [];
        for (const field of fields) {
            const value = row.get(field);
            if (value === undefined) {
                cells.push('', '');
                continue;
            }
            const { plain, mv } = plainText(value);
            cells.push(quote(plain), quote(mv));
        }
        lines.push(cells.join(','));
    }
    return `${lines.join('\n')}\n`;
}

/** Splits CSV text into rows of cells (RFC 4180; quoted cells may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    let atCellStart = true;
    for (let i = 0; i < text.length; i++) {
        const c = text.charAt(i);
        if (quoted) {
            if (c === '"') {
                if (text[i + 1] === '"') {
                    cell += '"';
                    i++;
                } else quoted = false;
            } else cell += c;
            continue;
        }
        if (c === '"' && atCellStart) {
            quoted = true;
            atCellStart = false;
        } else if (c === ',') {
            row.push(cell);
            cell = '';
            atCellStart = true;
        } else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n') i++;
            row.push(cell);
            rows.push(row);
            row = [];
            cell = '';
            atCellStart = true;
        } else {
            cell += c;
            atCellStart = false;
        }
    }
    if (quoted) throw new Error('Unterminated quoted value in CSV body');
    if (!atCellStart || row.length > 0) {
        row.push(cell);
        rows.push(row);
    }
    return rows;
}

/**
 * Reads a chunk body into records. A non-empty `__mv_f` column gives a multivalue `f`; otherwise the
 * plain column's value is used; empty cells leave the field out.
 */
export function decodeRecords(body: string): DecodedRecords {
    const table = parseCsv(body);
    const header = table[0];
    if (!header) return { fields: [], rows: [] };
    const fields: string[] = [];
    const plainIndex = new Map<string, number>();
    const mvIndex = new Map<string, number>();
    header.forEach((name, index) => {
        if (name.startsWith(MV_PREFIX) && name.length > MV_PREFIX.length) {
            const base = name.slice(MV_PREFIX.length);
            mvIndex.set(base, index);
            if (!plainIndex.has(base) && !fields.includes(base)) fields.push(base);
        } else {
            plainIndex.set(name, index);
            if (!fields.includes(name)) fields.push(name);
        }
    });
    const rows: Row[] = [];
    for (const cells of table.slice(1)) {
        if (cells.length === 1 && cells[0] === '' && header.length > 1) continue;
        const row: Row = new Map();
        for (const field of fields) {
            const mvAt = mvIndex.get(field);
            const mvText = mvAt === undefined ? '' : (cells[mvAt] ?? '');
            const values = mvText === '' ? undefined : decodeMultivalue(mvText);
            if (values !== undefined && values.length > 0) {
                row.set(field, values.length === 1 ? (values[0] ?? '') : values);
                continue;
            }
            const plainAt = plainIndex.get(field);
            const plain = plainAt === undefined ? mvText : (cells[plainAt] ?? '');
            if (plain !== '') row.set(field, plain);
        }
        rows.push(row);
    }
    return { fields, rows };
}
