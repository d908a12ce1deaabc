import { csvCell, csvFileName, toCsv } from './csv';

describe('csv', () => {
    it.each([
        ['plain', 'plain'],
        ['a,b', '"a,b"'],
        ['say "hi"', '"say ""hi"""'],
        ['two\nlines', '"two\nlines"'],
        ['=1+1', "'=1+1"],
        ['+1', "'+1"],
        ['-1', "'-1"],
        ['@SUM(A1)', "'@SUM(A1)"],
        ['\tx', "'\tx"],
        ['=A1,B1', '"\'=A1,B1"'],
        ['', ''],
    ])('encodes %j as %j', (input, expected) => {
        expect(csvCell(input)).toBe(expected);
    });

    it('writes numbers as they are and nothing for missing values', () => {
        expect(csvCell(-3)).toBe('-3');
        expect(csvCell(undefined)).toBe('');
        expect(csvCell(null)).toBe('');
        expect(csvCell(Number.NaN)).toBe('');
    });

    it('joins rows with CRLF', () => {
        expect(
            toCsv(
                ['a', 'b'],
                [
                    ['x', 1],
                    [undefined, '=y'],
                ]
            )
        ).toBe("a,b\r\nx,1\r\n,'=y\r\n");
    });

    it('names files after the table', () => {
        expect(csvFileName('Passive DNS (unique)')).toBe('passive-dns-unique.csv');
        expect(csvFileName('***')).toBe('export.csv');
    });
});
