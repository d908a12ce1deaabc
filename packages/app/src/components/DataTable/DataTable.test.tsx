import { render, screen, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { DataTable, type Column } from './DataTable';
import type { CsvFile } from './csv';
import { SIGHTINGS_LOADING } from '../SightingBadge/sightings';
import { counted as countedSightings } from '../testing/sightings';
import { testIds } from '../../selectors';

interface Row {
    readonly host: string;
    readonly hits: number;
    readonly note: string;
}

const ROWS: readonly Row[] = Array.from({ length: 10_000 }, (_, i) => ({
    host: `host-${i}.example`,
    hits: (i * 7919) % 10_000,
    note: i === 3 ? '=HYPERLINK("http://evil.example","x")' : i === 4 ? 'a, "quoted"\nline' : '',
}));

const COLUMNS: readonly Column<Row>[] = [
    { id: 'host', label: 'Host', value: (r) => r.host },
    { id: 'hits', label: 'Hits', value: (r) => r.hits, align: 'right' },
    { id: 'note', label: 'Note', value: (r) => r.note || undefined },
];

const rowKey = (r: Row) => r.host;
const pivotOf = (r: Row) => r.host;

// Rendering a page of the UI Toolkit table is slow in jsdom on a small machine; the timeout is generous so the
// tests assert behaviour, never speed. Pointer-events checks (computed styles) are skipped for the same reason.
jest.setTimeout(30_000);

function setupUser() {
    return userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
}

async function filterBy(user: ReturnType<typeof setupUser>, name: string, text: string) {
    const box = screen.getByRole('textbox', { name });
    await user.clear(box);
    await user.click(box);
    await user.paste(text);
}

function bodyRows(): HTMLElement[] {
    const [, body] = screen.getAllByRole('rowgroup');
    return within(body!).getAllByRole('row');
}

function firstCellTexts(): string[] {
    return bodyRows().map((r) => within(r).getAllByRole('cell')[0]!.textContent);
}

describe('DataTable', () => {
    it('renders only the visible page of 10,000 rows', () => {
        render(<DataTable label="Hosts" rows={ROWS} columns={COLUMNS} rowKey={rowKey} />);
        expect(bodyRows()).toHaveLength(25);
        expect(screen.getByText('1–25 of 10,000')).toBeInTheDocument();
        expect(screen.queryByText('host-25.example')).not.toBeInTheDocument();
    });

    it('pages forward', async () => {
        const user = setupUser();
        render(<DataTable label="Hosts" rows={ROWS} columns={COLUMNS} rowKey={rowKey} />);
        await user.click(screen.getByRole('button', { name: /next/i }));
        expect(firstCellTexts()[0]).toBe('host-25.example');
        expect(screen.getByText('26–50 of 10,000')).toBeInTheDocument();
    });

    it('sorts by a column, numerically, and toggles the direction', async () => {
        const user = setupUser();
        render(<DataTable label="Hosts" rows={ROWS} columns={COLUMNS} rowKey={rowKey} />);
        const header = screen.getByRole('columnheader', { name: /Hits/ });
        await user.click(within(header).getByRole('button'));
        const cells = () => bodyRows().map((r) => within(r).getAllByRole('cell')[1]!.textContent);
        expect(cells().slice(0, 3)).toEqual(['0', '1', '2']);
        expect(header).toHaveAttribute('aria-sort', 'ascending');
        await user.click(within(header).getByRole('button'));
        expect(cells().slice(0, 3)).toEqual(['9999', '9998', '9997']);
        expect(header).toHaveAttribute('aria-sort', 'descending');
    });

    it('sorts host names naturally (host-2 before host-10)', async () => {
        const user = setupUser();
        render(<DataTable label="Hosts" rows={ROWS.slice(0, 12)} columns={COLUMNS} rowKey={rowKey} />);
        await user.click(within(screen.getByRole('columnheader', { name: /Host/ })).getByRole('button'));
        expect(firstCellTexts().slice(0, 3)).toEqual(['host-0.example', 'host-1.example', 'host-2.example']);
    });

    it('filters on every column and says how many rows match', async () => {
        const user = setupUser();
        render(<DataTable label="Hosts" rows={ROWS} columns={COLUMNS} rowKey={rowKey} />);
        await filterBy(user, 'Filter Hosts', 'host-999');
        expect(firstCellTexts()).toEqual([
            'host-999.example',
            'host-9990.example',
            'host-9991.example',
            'host-9992.example',
            'host-9993.example',
            'host-9994.example',
            'host-9995.example',
            'host-9996.example',
            'host-9997.example',
            'host-9998.example',
            'host-9999.example',
        ]);
        expect(screen.getByText('1–11 of 11 (filtered from 10,000)')).toBeInTheDocument();
        await filterBy(user, 'Filter Hosts', 'nothing like this');
        expect(screen.getByText('No rows match.')).toBeInTheDocument();
        await user.click(screen.getByRole('button', { name: 'Clear filters' }));
        expect(bodyRows()).toHaveLength(25);
    });

    it('shows internal sightings: pending, then counted, sortable and filterable', async () => {
        const user = setupUser();
        const { rerender } = render(
            <DataTable
                label="Hosts"
                rows={ROWS}
                columns={COLUMNS}
                rowKey={rowKey}
                pivotOf={pivotOf}
                sightings={SIGHTINGS_LOADING}
            />
        );
        const pending = screen.getAllByTestId(testIds.internalSightings);
        expect(pending).toHaveLength(25);
        expect(pending[0]).toHaveAttribute('data-indicator', 'host-0.example');
        expect(pending[0]).not.toHaveAttribute('data-count');
        expect(screen.getByRole('switch', { name: 'Seen internally only' })).toBeDisabled();

        // Every row's value was counted (0 for most), except one the limit left out.
        const done = countedSightings(
            ROWS.filter((r) => r.host !== 'host-5.example').map((r) => [
                r.host,
                r.host === 'host-7000.example' ? 12 : r.host === 'host-12.example' ? 3 : 0,
                r.host === 'host-12.example' ? 1_700_000_000 : undefined,
                r.host === 'host-12.example' ? 1_700_003_600 : undefined,
            ]),
            [['host-5.example', 'not counted: the limit']]
        );
        rerender(
            <DataTable label="Hosts" rows={ROWS} columns={COLUMNS} rowKey={rowKey} pivotOf={pivotOf} sightings={done} />
        );
        const counted = screen.getAllByTestId(testIds.internalSightings);
        expect(counted[0]).toHaveAttribute('data-count', '0');
        expect(counted[12]).toHaveAttribute('data-count', '3');
        expect(counted[5]).toHaveAttribute('data-state', 'not-counted');
        expect(counted[5]).not.toHaveAttribute('data-count');
        expect(counted[5]).toHaveAttribute('title', 'not counted: the limit');
        // Internal first and last seen next to the count.
        const row12 = counted[12]?.closest('tr');
        expect(row12).toHaveTextContent('2023-11-14 22:13 UTC');
        expect(row12).toHaveTextContent('2023-11-14 23:13 UTC');

        const header = screen.getByRole('columnheader', { name: /^Internal Click/ });
        await user.click(within(header).getByRole('button'));
        await user.click(within(header).getByRole('button'));
        expect(firstCellTexts().slice(0, 2)).toEqual(['host-7000.example', 'host-12.example']);

        await user.click(screen.getByRole('switch', { name: 'Seen internally only' }));
        expect(firstCellTexts()).toEqual(['host-7000.example', 'host-12.example']);
        expect(screen.getByText('1–2 of 2 (filtered from 10,000)')).toBeInTheDocument();
    });

    it('exports the filtered, sorted rows as RFC 4180 CSV with formulas neutralised', async () => {
        const user = setupUser();
        const onExport = jest.fn<undefined, [CsvFile]>();
        render(<DataTable label="Passive DNS" rows={ROWS} columns={COLUMNS} rowKey={rowKey} onExport={onExport} />);
        await filterBy(user, 'Filter Passive DNS', 'host-4');
        await user.click(screen.getByRole('button', { name: 'Export CSV' }));
        const file = onExport.mock.calls[0]![0];
        expect(file.name).toBe('passive-dns.csv');
        const lines = file.text.split('\r\n');
        expect(lines[0]).toBe('Host,Hits,Note');
        expect(lines[1]).toBe('host-4.example,1676,"a, ""quoted""\nline"');
        expect(lines).toHaveLength(1 + 1111 + 1); // header, every matching row (not just the page), final CRLF
        expect(lines[lines.length - 1]).toBe('');

        await filterBy(user, 'Filter Passive DNS', 'host-3.example');
        await user.click(screen.getByRole('button', { name: 'Export CSV' }));
        const second = onExport.mock.calls[1]![0];
        expect(second.text).toBe(
            'Host,Hits,Note\r\nhost-3.example,3757,"\'=HYPERLINK(""http://evil.example"",""x"")"\r\n'
        );
    });
});
