import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseIndicator, type Indicator } from '@passivetotal/core';
import { splunkdError } from '../../api/fetch-mock';
import { watchTestIds } from '../../selectors';
import { fakeWatch, installWatchesFake } from '../testing/watches';
import { WatchControl } from './WatchControl';

function indicator(text: string): Indicator {
    const parsed = parseIndicator(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value;
}

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

async function openForm() {
    await userEvent.click(await screen.findByRole('button', { name: /^Watch/ }));
    return screen.findByRole('dialog');
}

describe('the Watch control', () => {
    it('watches the indicator with related infrastructure, a note and an end date, then says since when', async () => {
        const { calls } = fake({ user: 'analyst' });
        render(<WatchControl indicator={indicator('login-secure-update[.]example')} />);
        const dialog = await openForm();
        await userEvent.click(within(dialog).getByRole('switch', { name: 'Include related infrastructure' }));
        await userEvent.type(within(dialog).getByRole('textbox', { name: 'Note' }), 'phishing kit of the TI report');
        const date = within(dialog).getByRole('combobox', { name: 'End date' });
        await userEvent.clear(date);
        await userEvent.type(date, '1/31/2099{Enter}');
        await userEvent.click(within(dialog).getByRole('button', { name: 'Watch' }));

        const since = await screen.findByTestId(watchTestIds.watchSince);
        expect(since).toHaveTextContent(/^Watching since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, until 2099-01-31$/);
        const post = calls.find((c) => c.method === 'POST');
        expect(Object.fromEntries(post!.form)).toEqual({
            indicator: 'login-secure-update.example',
            related: 'true',
            note: 'phishing kit of the TI report',
            end: '2099-01-31',
        });
        expect(screen.getByTestId(watchTestIds.watchControl)).toHaveAttribute('data-watching', 'true');
        // Watching it already, the analyst is not offered to watch it again.
        await waitFor(() => expect(screen.queryByRole('button', { name: /^Watch/ })).not.toBeInTheDocument());
        expect(screen.getByRole('link', { name: 'All watches' })).toHaveAttribute('href', 'watches');
    });

    it('watches a URL by its host and says so', async () => {
        const { calls } = fake({ user: 'analyst' });
        render(<WatchControl indicator={indicator('hxxps://evil[.]example/login.php')} />);
        const dialog = await openForm();
        expect(dialog).toHaveTextContent('A URL is watched by its host: this watch keeps evil.example.');
        await userEvent.click(within(dialog).getByRole('button', { name: 'Watch' }));
        await screen.findByTestId(watchTestIds.watchSince);
        expect(calls.find((c) => c.method === 'POST')!.form.get('indicator')).toBe('evil.example');
    });

    it('offers nothing for an email address, which has nothing to watch', () => {
        fake({ user: 'analyst' });
        const { container } = render(<WatchControl indicator={indicator('jane@evil.example')} />);
        expect(container).toBeEmptyDOMElement();
    });

    it('refuses an end date that has passed before asking the endpoint', async () => {
        const { calls } = fake({ user: 'analyst' });
        render(<WatchControl indicator={indicator('evil.example')} />);
        const dialog = await openForm();
        const date = within(dialog).getByRole('combobox', { name: 'End date' });
        await userEvent.type(date, '1/1/2001{Enter}');
        expect(
            await within(dialog).findByText('2001-01-01 has passed: choose a date after today, as YYYY-MM-DD.')
        ).toBeInTheDocument();
        expect(within(dialog).getByRole('button', { name: 'Watch' })).toHaveAttribute('aria-disabled', 'true');
        expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    });

    it('lets the owner end a watch, and shows a colleague’s watch without the button', async () => {
        fake({
            user: 'analyst',
            watches: [
                fakeWatch({ id: 'mine', indicator: 'evil.example', owner: 'analyst' }),
                fakeWatch({ id: 'theirs', indicator: 'evil.example', owner: 'admin', note: 'theirs' }),
            ],
        });
        render(<WatchControl indicator={indicator('evil.example')} />);
        const lines = await screen.findAllByTestId(watchTestIds.watchSince);
        expect(lines.map((l) => l.textContent)).toEqual([
            'Watching since 2026-12-01 09:00 UTC',
            'Watching since 2026-12-01 09:00 UTC (admin)',
        ]);
        const ends = screen.getAllByRole('button', { name: 'End watch' });
        expect(ends).toHaveLength(1);
        await userEvent.click(ends[0]!);
        await waitFor(() => expect(screen.getAllByTestId(watchTestIds.watchSince)).toHaveLength(1));
        expect(screen.getByTestId(watchTestIds.watchSince)).toHaveAttribute('data-owner', 'admin');
        // The analyst no longer watches it: the control offers to watch again.
        expect(screen.getByRole('button', { name: 'Watch' })).toBeInTheDocument();
    });

    it('lets an app admin watch for a colleague, and end anyone’s watch', async () => {
        const { calls } = fake({
            user: 'admin',
            admin: true,
            watches: [fakeWatch({ id: 'theirs', indicator: 'evil.example', owner: 'analyst' })],
        });
        render(<WatchControl indicator={indicator('evil.example')} />);
        expect(await screen.findByRole('button', { name: 'End watch' })).toBeInTheDocument();
        const dialog = await openForm();
        await userEvent.type(within(dialog).getByRole('textbox', { name: 'Owner' }), 'guest');
        await userEvent.click(within(dialog).getByRole('button', { name: 'Watch' }));
        await waitFor(() => expect(screen.getAllByTestId(watchTestIds.watchSince)).toHaveLength(2));
        expect(calls.find((c) => c.method === 'POST')!.form.get('owner')).toBe('guest');
    });

    it.each([
        [
            'watches_unavailable',
            503,
            "Splunk's KV store is unavailable, so watches cannot be read or saved now. Try again in a few minutes; if it lasts, ask a Splunk administrator to check the KV store.",
        ],
        ['invalid_input', 400, 'The watch was not saved: evil.example is watched by analyst already.'],
        [
            'forbidden',
            403,
            'Watching indicators needs the app’s role (passivetotal_user or passivetotal_admin). Ask a Splunk administrator for it.',
        ],
    ])('says in the form why the endpoint refused to watch (%s)', async (code, status, words) => {
        fake({
            user: 'analyst',
            override: (r) =>
                r.method === 'POST'
                    ? splunkdError(status, 'The watch was not saved: evil.example is watched by analyst already.', code)
                    : undefined,
        });
        render(<WatchControl indicator={indicator('evil.example')} />);
        const dialog = await openForm();
        await userEvent.click(within(dialog).getByRole('button', { name: 'Watch' }));
        const message = await within(dialog).findByTestId(watchTestIds.watchMessage);
        expect(message).toHaveTextContent(words);
        expect(message).toHaveAttribute('data-code', code);
    });

    it('says a watch that was deleted meanwhile no longer exists', async () => {
        fake({
            user: 'admin',
            admin: true,
            watches: [fakeWatch({ id: 'gone', indicator: 'evil.example', owner: 'analyst' })],
            override: (r) =>
                r.method === 'POST' ? splunkdError(404, 'There is no watch gone.', 'not_found') : undefined,
        });
        render(<WatchControl indicator={indicator('evil.example')} />);
        await userEvent.click(await screen.findByRole('button', { name: 'End watch' }));
        expect(await screen.findByTestId(watchTestIds.watchMessage)).toHaveTextContent(
            'This watch no longer exists: its owner or an app admin deleted it. Reload the watches.'
        );
    });
});
