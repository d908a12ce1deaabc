/// <reference types="node" />
/**
 * Golden files: a mapper's output checked in as JSON next to the mapper (`__golden__/<name>.golden.json`), so a
 * change of the model shows in review. Goldens are rewritten only on purpose, with `UPDATE_GOLDEN=1`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Expects `value` to equal the golden file (compared as JSON values, so reformatting a golden does not break it);
 * a missing golden fails. With `UPDATE_GOLDEN=1` it writes the golden instead.
 *
 * @example expectGolden(join(__dirname, '__golden__', 'whois.golden.json'), mapped.value)
 */
export function expectGolden(goldenPath: string, value: unknown): void {
    const actual = `${JSON.stringify(value, null, 2)}\n`;
    if (process.env['UPDATE_GOLDEN'] === '1') {
        mkdirSync(path.dirname(goldenPath), { recursive: true });
        writeFileSync(goldenPath, actual);
        return;
    }
    if (!existsSync(goldenPath)) {
        throw new Error(`missing golden ${goldenPath}; run with UPDATE_GOLDEN=1 to write it, then review it`);
    }
    expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
}
