import { sortKey } from './useTableView';

const ordered = (values: string[]) => [...values].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));

describe('sortKey', () => {
    it('orders digit runs as numbers, so addresses and numbered hosts sort as people expect', () => {
        expect(ordered(['198.51.100.10', '198.51.100.9', '198.51.100.100', '10.0.0.2'])).toEqual([
            '10.0.0.2',
            '198.51.100.9',
            '198.51.100.10',
            '198.51.100.100',
        ]);
        expect(ordered(['site-10.example', 'site-9.example', 'site-009b.example'])).toEqual([
            'site-9.example',
            'site-009b.example',
            'site-10.example',
        ]);
    });

    it('ignores case and accents', () => {
        expect(sortKey('Évil.Example')).toBe(sortKey('evil.example'));
        expect(ordered(['beta', 'Alpha', 'gamma'])).toEqual(['Alpha', 'beta', 'gamma']);
    });

    it('orders ISO dates by time', () => {
        expect(ordered(['2026-11-02T10:00:00Z', '2025-12-31T23:59:59Z', '2026-01-15T00:00:00Z'])).toEqual([
            '2025-12-31T23:59:59Z',
            '2026-01-15T00:00:00Z',
            '2026-11-02T10:00:00Z',
        ]);
    });
});
