import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { splunkdError } from '../../api/fetch-mock';
import { watchTestIds } from '../../selectors';
import { fakeWatch, installWatchesFake } from '../testing/watches';
import { WatchesPage } from './WatchesPage';

jest.setTimeout(20_000);

let restore: (() => void) | undefined;
afterEach(() => {
    restore?.();
    restore = undefined;
});

function fake(options: Parameters<typeof installWatchesFake>[0]) {
    const installed = installWatchesFake(options);
    restore = installed.restore;
    return installed;
}

const TEAM = () => [
    fakeWatch({
        id: 'a',
        indicator: 'login-secure-update.example',
        owner: 'analyst',
        note: 'phishing kit',
        related: true,
        end: Date.UTC(2099, 0, 31, 23, 59, 59) / 1000,
        checked: Date.UTC(2026, 11, 6, 18, 30) / 1000,
        version: 2,
        state: { resolutions: { '203.0.113.77': 1764000000 }, tags: ['phishing'], classification: 'malicious' },
    }),
    fakeWatch({ id: 'b', indicator: '198.51.100.7', type: 'ipv4', owner: 'admin' }),
];

async function rowOf(indicator: string): Promise<HTMLElement> {
    const link = await screen.findByRole('link', { name: indicator });
    return link.closest('tr')!;
}

describe('the Watches page', () => {
    it('lists the team’s watches with what a user compares: owner, note, dates, last check and what it found', async () => {
        fake({ user: 'analyst', watches: TEAM() });
        render(<WatchesPage />);
        const row = await rowOf('login-secure-update.example');
        expect(within(row).getByRole('link', { name: 'login-secure-update.example' })).toHaveAttribute(
            'href',
            'investigate?indicator=login-secure-update.example'
        );
        const cells = within(row)
            .getAllByRole('cell')
            .map((c) => c.textContent);
        expect(cells).toEqual([
            'login-secure-update.examplewith related infrastructure',
            'analyst',
            'phishing kit',
            '2026-12-01 09:00 UTC',
            'Until 2099-01-31',
            '2026-12-06 18:30 UTC',
            '1 resolution, 1 tag, classified malicious',
            'Edit noteEnd watch',
        ]);
        const other = await rowOf('198.51.100.7');
        expect(within(other).getByText('Not yet')).toBeInTheDocument();
        // Not the analyst's watch: nothing to change there.
        expect(within(other).queryByRole('button')).not.toBeInTheDocument();
    });

    it('shows the recent changes when the endpoint gives them', async () => {
        const [first] = TEAM();
        fake({
            user: 'analyst',
            watches: [
                { ...first!, changes: [{ change_type: 'new_resolution', value: '203.0.113.77', time: 1765000000 }] },
            ],
        });
        render(<WatchesPage />);
        expect(await screen.findByRole('columnheader', { name: 'Recent changes' })).toBeInTheDocument();
        expect(
            within(await rowOf('login-secure-update.example')).getByText('new resolution: 203.0.113.77')
        ).toBeInTheDocument();
    });

    it('lets the owner end a watch, which then shows as ended', async () => {
        const { calls } = fake({ user: 'analyst', watches: TEAM() });
        render(<WatchesPage />);
        const row = await rowOf('login-secure-update.example');
        await userEvent.click(within(row).getByRole('button', { name: 'End watch' }));
        await waitFor(async () =>
            expect(await rowOf('login-secure-update.example')).toHaveAttribute('data-active', 'false')
        );
        expect(
            within(await rowOf('login-secure-update.example')).getByText(/^Ended \d{4}-\d{2}-\d{2}$/)
        ).toBeInTheDocument();
        expect(calls.find((c) => c.method === 'POST')!.form.get('end')).toBe('now');
    });

    it('lets an app admin edit anyone’s note', async () => {
        const { watches } = fake({ user: 'admin', admin: true, watches: TEAM() });
        render(<WatchesPage />);
        const row = await rowOf('login-secure-update.example');
        await userEvent.click(within(row).getByRole('button', { name: 'Edit note' }));
        const dialog = await screen.findByRole('dialog');
        const note = within(dialog).getByRole('textbox', { name: 'Note' });
        await userEvent.clear(note);
        await userEvent.type(note, 'kit moved to a new host');
        await userEvent.click(within(dialog).getByRole('button', { name: 'Save note' }));
        expect(
            await within(await rowOf('login-secure-update.example')).findByText('kit moved to a new host')
        ).toBeInTheDocument();
        expect(watches[0]!.note).toBe('kit moved to a new host');
    });

    it('says why a watch cannot be ended when the owner changed meanwhile', async () => {
        fake({
            user: 'analyst',
            watches: TEAM(),
            override: (r) =>
                r.method === 'POST'
                    ? splunkdError(403, 'Only the owner of a watch or an app admin may change it.', 'forbidden')
                    : undefined,
        });
        render(<WatchesPage />);
        await userEvent.click(
            within(await rowOf('login-secure-update.example')).getByRole('button', { name: 'End watch' })
        );
        const message = await screen.findByTestId(watchTestIds.watchMessage);
        expect(message).toHaveTextContent('Only the owner of this watch or an app admin can change or end it.');
        expect(message).toHaveAttribute('data-code', 'forbidden');
    });

    it('tells a user without the app’s role why there is nothing, and which role to ask for', async () => {
        fake({
            user: 'guest',
            override: (r) =>
                r.path.endsWith('/watches')
                    ? splunkdError(403, 'You need the passivetotal_query capability.', 'forbidden')
                    : undefined,
        });
        render(<WatchesPage />);
        const message = await screen.findByTestId(watchTestIds.watchMessage);
        expect(message).toHaveTextContent(
            'Watches are shown to users with the app’s role (passivetotal_user or passivetotal_admin). Ask a Splunk administrator for it.'
        );
        expect(screen.queryByRole('table')).not.toBeInTheDocument();
    });

    it('says when the KV store cannot be read', async () => {
        fake({
            user: 'analyst',
            override: (r) =>
                r.path.endsWith('/watches')
                    ? splunkdError(503, 'The KV store is unavailable.', 'watches_unavailable')
                    : undefined,
        });
        render(<WatchesPage />);
        expect(await screen.findByTestId(watchTestIds.watchMessage)).toHaveAttribute(
            'data-code',
            'watches_unavailable'
        );
    });
});
