import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { catalogue, numericSetting, providerSpec } from '@passivetotal/core';
import { installFetch, splunkdError, type RecordedRequest } from '../../api/fetch-mock';
import { setupTestIds } from '../../selectors';
import { ANALYST_STATUS, BAD_CREDENTIALS, SETUP, endpoint } from './fixtures';
import { SetupPage } from './SetupPage';

const KEY = 'demo-typed-secret-0123456789';

/** The handler's reason for a number out of the catalogue's range. */
const wholeNumber = (field: catalogue.SetupField): string => {
    const { min, max } = numericSetting(field);
    return `a whole number from ${String(min)} to ${String(max)}`;
};

/** The handler's 400 `invalid_settings`, naming each refused field with its reason. */
const refused = (fields: Record<string, string>) =>
    splunkdError(
        400,
        `Not saved. ${Object.entries(fields)
            .map(([k, v]) => `${k}: ${v}`)
            .join('; ')}.`,
        'invalid_settings',
        { fields }
    );

function setup(routes: Parameters<typeof endpoint>[0] = {}) {
    const fake = installFetch(endpoint(routes));
    afterEachRestore.push(fake.restore);
    const user = userEvent.setup();
    render(<SetupPage />);
    return { fake, user };
}

const afterEachRestore: (() => void)[] = [];
afterEach(() => {
    while (afterEachRestore.length > 0) afterEachRestore.pop()?.();
});

const calls = (fake: { calls: RecordedRequest[] }, method: string, route: string) =>
    fake.calls.filter((c) => c.method === method && c.path.endsWith(`/passivetotal/${route}`));

/** The endpoint's answer to a saved form: the setup with the settings `changed` makes of the posted form. */
const savedAs = (changed: (form: URLSearchParams) => Record<string, unknown>) => (r: RecordedRequest) => ({
    status: 200,
    body: { ...SETUP, settings: { ...SETUP.settings, ...changed(r.form) } },
});

/** The settings form's refused save: marked so, and the fields it posted. */
function refusedForm(fake: { calls: RecordedRequest[] }): Record<string, string> {
    expect(screen.getByTestId(setupTestIds.settingsResult)).toHaveAttribute('data-ok', 'false');
    return Object.fromEntries(calls(fake, 'POST', 'setup')[0]?.form.entries() ?? []);
}

describe('SetupPage', () => {
    it('shows that a key is set without showing it, and replaces it', async () => {
        const { fake, user } = setup({
            'POST credentials': (r) => ({ status: 200, body: { configured: true, username: r.form.get('username') } }),
        });
        const status = await screen.findByTestId(setupTestIds.credentialStatus);
        expect(status).toHaveAttribute('data-configured', 'true');
        expect(status).toHaveTextContent('API key: set for analyst@northwind.example.');
        expect(screen.queryByLabelText('PassiveTotal API key')).not.toBeInTheDocument();

        await user.click(screen.getByRole('button', { name: 'Replace' }));
        const keyField = screen.getByLabelText('PassiveTotal API key');
        expect(keyField).toHaveAttribute('type', 'password');
        expect(keyField).toHaveValue('');
        const username = screen.getByRole('textbox', { name: 'PassiveTotal username' });
        await user.clear(username);
        await user.type(username, 'new@example.com');
        await user.type(keyField, KEY);
        await user.click(screen.getByRole('button', { name: 'Save credentials' }));

        expect(await screen.findByText('The PassiveTotal API key is saved.')).toBeInTheDocument();
        expect(screen.getByTestId(setupTestIds.credentialStatus)).toHaveTextContent(
            'API key: set for new@example.com.'
        );
        expect(screen.queryByLabelText('PassiveTotal API key')).not.toBeInTheDocument();
        const [post] = calls(fake, 'POST', 'credentials');
        expect(post?.form.get('username')).toBe('new@example.com');
        expect(post?.form.get('api_key')).toBe(KEY);
        expect(document.body.innerHTML).not.toContain(KEY);
    }, 20_000);

    it('names the missing fields of a credential', async () => {
        const { user } = setup({
            'GET setup': { status: 200, body: { ...SETUP, credential: { configured: false, username: null } } },
            'POST credentials': refused({ api_key: 'enter the API key from the PassiveTotal account settings' }),
        });
        expect(await screen.findByTestId(setupTestIds.credentialStatus)).toHaveAttribute('data-configured', 'false');
        await user.type(screen.getByRole('textbox', { name: 'PassiveTotal username' }), 'a@example.com');
        await user.click(screen.getByRole('button', { name: 'Save credentials' }));
        expect(await screen.findByText('enter the API key from the PassiveTotal account settings')).toBeInTheDocument();
    });

    it('says when the key was entered for another host than the base URL names, and takes it again', async () => {
        const saved =
            "The PassiveTotal API key was saved for api.passivetotal.org; an administrator has to enter it again for mirror.example on the app's setup page.";
        const { user } = setup({
            'GET setup': {
                status: 200,
                body: {
                    ...SETUP,
                    credential: { ...SETUP.credential, keyHost: 'api.passivetotal.org', keyHostError: saved },
                },
            },
            'POST credentials': (r) => ({
                status: 200,
                body: { configured: true, username: r.form.get('username'), keyHost: 'mirror.example' },
            }),
        });
        expect(await screen.findByText(saved)).toBeInTheDocument();
        expect(screen.getByTestId(setupTestIds.credentialStatus)).toHaveTextContent(
            'sent only to api.passivetotal.org'
        );
        await user.click(screen.getByRole('button', { name: 'Replace' }));
        await user.type(screen.getByLabelText('PassiveTotal API key'), KEY);
        await user.click(screen.getByRole('button', { name: 'Save credentials' }));
        expect(await screen.findByText('The PassiveTotal API key is saved.')).toBeInTheDocument();
        expect(screen.queryByText(saved)).not.toBeInTheDocument();
        expect(screen.getByTestId(setupTestIds.credentialStatus)).toHaveTextContent('sent only to mirror.example');
    }, 20_000);

    it('removes the key', async () => {
        const { fake, user } = setup({
            'DELETE credentials': { status: 200, body: { configured: false, username: null, removed: 1 } },
        });
        await user.click(await screen.findByRole('button', { name: 'Remove' }));
        expect(await screen.findByText('The PassiveTotal API key is removed.')).toBeInTheDocument();
        expect(screen.getByTestId(setupTestIds.credentialStatus)).toHaveAttribute('data-configured', 'false');
        expect(screen.getByLabelText('PassiveTotal API key')).toHaveValue('');
        expect(calls(fake, 'DELETE', 'credentials')).toHaveLength(1);
    });

    it('tests the connection and says the account and quota in words', async () => {
        const { user } = setup();
        await user.click(await screen.findByRole('button', { name: 'Test connection' }));
        const result = await screen.findByTestId(setupTestIds.connectionResult);
        expect(result).toHaveAttribute('data-ok', 'true');
        expect(result).toHaveTextContent(
            'PassiveTotal accepted the credentials of analyst@northwind.example (Demo Analyst, organization northwind-demo).'
        );
        expect(result).toHaveTextContent(
            'Your quota: 137 of 10,000 API searches used this month, 9,863 left; it resets 2026-12-01 00:00 UTC.'
        );
    });

    it.each([
        ['bad_credentials', BAD_CREDENTIALS, 'PassiveTotal refused the username or API key (HTTP 401).'],
        [
            'not_configured',
            splunkdError(
                503,
                "PassiveTotal is not configured: an administrator has to enter the PassiveTotal username and API key on the app's setup page.",
                'not_configured'
            ),
            'PassiveTotal is not configured',
        ],
        [
            'upstream_unavailable',
            splunkdError(
                502,
                'PassiveTotal could not be reached at api.passivetotal.org: connection refused.',
                'upstream_unavailable'
            ),
            'PassiveTotal could not be reached at api.passivetotal.org',
        ],
    ])('shows the specific text of a %s failure', async (code, answer, text) => {
        const { fake, user } = setup({ 'GET check': answer });
        await user.click(await screen.findByRole('button', { name: 'Test connection' }));
        const result = await screen.findByTestId(setupTestIds.connectionResult);
        expect(result).toHaveAttribute('data-ok', 'false');
        expect(result).toHaveAttribute('data-code', code);
        expect(result).toHaveTextContent(text);
        expect(calls(fake, 'GET', 'quota')).toHaveLength(0);
    });

    it('names each setting the endpoint refused, under its control', async () => {
        const { fake, user } = setup({
            'POST setup': refused({
                timeout_seconds: wholeNumber('timeout_seconds'),
                indexes: "'a|b' is not an index name",
            }),
        });
        await user.click(await screen.findByRole('button', { name: 'Save settings' }));
        expect(await screen.findByText(wholeNumber('timeout_seconds'))).toBeInTheDocument();
        expect(screen.getByText("'a|b' is not an index name")).toBeInTheDocument();
        expect(refusedForm(fake)).toMatchObject({
            timeout_seconds: String(providerSpec('passivetotal').timeoutSeconds),
            'ttl_seconds.host_attributes': String(catalogue.CACHE_DATASETS.host_attributes.ttlSeconds),
            indexes: '*',
            search_mode: 'raw',
        });
    });

    it('saves the search scope', async () => {
        const { fake, user } = setup({
            'POST setup': savedAs((form) => ({ searchMode: form.get('search_mode'), indexes: ['proxy', 'dns'] })),
        });
        const indexes = await screen.findByRole('textbox', { name: 'Indexes' });
        await user.clear(indexes);
        await user.type(indexes, 'proxy, dns');
        await user.click(screen.getByRole('radio', { name: 'CIM data models' }));
        await user.click(screen.getByRole('button', { name: 'Save settings' }));
        expect(await screen.findByText('The settings are saved.')).toBeInTheDocument();
        const [post] = calls(fake, 'POST', 'setup');
        expect(post?.form.get('indexes')).toBe('proxy, dns');
        expect(post?.form.get('search_mode')).toBe('cim');
        expect(screen.getByRole('textbox', { name: 'Indexes' })).toHaveValue('proxy, dns');
    });

    it('offers each user’s daily lookups and how long the team’s history is kept, and saves them', async () => {
        const { fake, user } = setup({ 'POST setup': { status: 200, body: SETUP } });
        const perUser = await screen.findByRole('spinbutton', { name: 'Lookups per user per day' });
        expect(perUser).toHaveValue(String(numericSetting('calls_per_user_per_day').default));
        expect(screen.getByRole('spinbutton', { name: 'Keep investigations (days)' })).toHaveValue(
            String(numericSetting('history_max_age_days').default)
        );
        const kept = screen.getByRole('spinbutton', { name: 'Investigations kept' });
        expect(kept).toHaveValue(String(numericSetting('history_max_records').default));
        await user.clear(perUser);
        await user.type(perUser, '200');
        await user.clear(kept);
        await user.type(kept, '5000');
        await user.click(screen.getByRole('button', { name: 'Save settings' }));
        expect(await screen.findByText('The settings are saved.')).toBeInTheDocument();
        const [post] = calls(fake, 'POST', 'setup');
        expect(post?.form.get('calls_per_user_per_day')).toBe('200');
        expect(post?.form.get('history_max_records')).toBe('5000');
        expect(post?.form.get('history_max_age_days')).toBe(String(numericSetting('history_max_age_days').default));
    });

    it('offers the raw matching choice for raw events and the related-values limit, and saves them', async () => {
        const { fake, user } = setup({
            'POST setup': savedAs((form) => ({
                searchMode: form.get('search_mode'),
                searchMatch: form.get('search_match'),
                maxSightingCandidates: Number(form.get('max_sighting_candidates')),
            })),
        });
        const matching = await screen.findByRole('radiogroup', { name: 'Raw matching' });
        const thorough = within(matching).getByRole('radio', {
            name: 'Thorough: finds values in any log format (key=value, JSON, ip:port, URLs)',
        });
        const fast = within(matching).getByRole('radio', {
            name: 'Fast: TERM() only; misses values joined to other text by = : / (key=value, ip:port, URLs)',
        });
        expect(thorough).toBeChecked();
        expect(fast).not.toBeChecked();
        const limit = screen.getByRole('spinbutton', { name: 'Related values counted per investigation' });
        expect(limit).toHaveValue('5000');
        expect(screen.getByText(/the rest are shown as "not counted"/)).toBeInTheDocument();

        await user.click(fast);
        expect(fast).toBeChecked();
        await user.clear(limit);
        await user.type(limit, '750');
        await user.click(screen.getByRole('button', { name: 'Save settings' }));
        expect(await screen.findByText('The settings are saved.')).toBeInTheDocument();
        const [post] = calls(fake, 'POST', 'setup');
        expect(post?.form.get('search_mode')).toBe('raw');
        expect(post?.form.get('search_match')).toBe('fast');
        expect(post?.form.get('max_sighting_candidates')).toBe('750');
        expect(screen.getByRole('radio', { name: /^Fast: TERM\(\) only/ })).toBeChecked();
        expect(screen.getByRole('spinbutton', { name: 'Related values counted per investigation' })).toHaveValue('750');

        // The matching choice is about raw events: the CIM mode hides it, and keeps the choice made.
        await user.click(screen.getByRole('radio', { name: 'CIM data models' }));
        expect(screen.queryByRole('radiogroup', { name: 'Raw matching' })).not.toBeInTheDocument();
        expect(
            screen.getByRole('spinbutton', { name: 'Related values counted per investigation' })
        ).toBeInTheDocument();
        await user.click(screen.getByRole('button', { name: 'Save settings' }));
        await waitFor(() => expect(calls(fake, 'POST', 'setup')).toHaveLength(2));
        const second = calls(fake, 'POST', 'setup')[1];
        expect(second?.form.get('search_mode')).toBe('cim');
        expect(second?.form.get('search_match')).toBe('fast');
    }, 20_000);

    it('shows the stored matching and limit, and names a refused one under its control', async () => {
        const { fake, user } = setup({
            'GET setup': {
                status: 200,
                body: { ...SETUP, settings: { ...SETUP.settings, searchMatch: 'fast', maxSightingCandidates: 120 } },
            },
            'POST setup': refused({
                max_sighting_candidates: wholeNumber('max_sighting_candidates'),
                search_match: 'thorough or fast',
            }),
        });
        const limit = await screen.findByRole('spinbutton', { name: 'Related values counted per investigation' });
        expect(limit).toHaveValue('120');
        expect(screen.getByRole('radio', { name: /^Fast: TERM\(\) only/ })).toBeChecked();
        await user.clear(limit);
        await user.type(limit, '300');
        await user.click(screen.getByRole('button', { name: 'Save settings' }));
        expect(await screen.findByText(wholeNumber('max_sighting_candidates'))).toBeInTheDocument();
        expect(screen.getByText('thorough or fast')).toBeInTheDocument();
        expect(refusedForm(fake)).toMatchObject({ max_sighting_candidates: '300', search_match: 'fast' });
    });

    it('tells the administrator about the 1.0.4 upgrade', async () => {
        const text =
            "Moved the PassiveTotal credentials of version 1.0.4 from passivetotal.conf into Splunk's credential store and removed the plain-text copy.";
        setup({
            'GET setup': {
                status: 200,
                body: { ...SETUP, migration: { from: '1.0.4', at: '2026-11-29T10:00:00Z', text } },
            },
        });
        expect(await screen.findByTestId(setupTestIds.migrationNote)).toHaveTextContent(
            `Upgrade from version 1.0.4: ${text}`
        );
    });

    it('explains to a user without the admin capability, and never loads the form', async () => {
        const { fake } = setup({ 'GET status': { status: 200, body: ANALYST_STATUS } });
        const note = await screen.findByTestId(setupTestIds.forbidden);
        expect(note).toHaveTextContent('Only PassiveTotal administrators can change this app');
        expect(note).toHaveTextContent('Your Splunk account (analyst) does not have the capability passivetotal_admin');
        expect(within(note).getByText(/you can investigate indicators now/)).toBeInTheDocument();
        expect(calls(fake, 'GET', 'setup')).toHaveLength(0);
        expect(screen.queryByRole('button', { name: 'Save settings' })).not.toBeInTheDocument();
    });

    it('cancels its requests when the page goes away', async () => {
        const fake = installFetch(() => new Promise(() => undefined));
        afterEachRestore.push(fake.restore);
        const { unmount } = render(<SetupPage />);
        await waitFor(() => expect(fake.calls).toHaveLength(1));
        unmount();
        expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
    });
});

type SetupBody = typeof SETUP;
type ProviderBody = SetupBody['providers'][number];

const withProvider = (id: string, change: Partial<ProviderBody>): SetupBody => ({
    ...SETUP,
    providers: SETUP.providers.map((p) => (p.id === id ? { ...p, ...change } : p)),
});

describe('SetupPage: intelligence providers', () => {
    it('lists each provider with what it fills, its key and whether it is used, and turns one off', async () => {
        const { fake, user } = setup({
            'POST setup': (r) => ({
                status: 200,
                body: withProvider('crtsh', { enabled: r.form.get('provider.crtsh.enabled') === 'true', ready: false }),
            }),
        });
        const crtsh = await screen.findByRole('region', { name: 'crt.sh' });
        expect(crtsh).toHaveTextContent('Fills Certificates. No key needed. In use.');
        expect(crtsh).toHaveTextContent('Best effort: crt.sh is slow');
        expect(crtsh).toHaveAttribute('data-ready', 'true');
        const otx = screen.getByRole('region', { name: 'AlienVault OTX' });
        expect(otx).toHaveTextContent(
            'Fills Resolutions (passive DNS) and Reputation. Key required: none stored, so it is not asked. Not used: it needs a key.'
        );
        expect(within(screen.getByRole('region', { name: 'RDAP' })).queryByLabelText(/key$/)).toBeNull();

        await user.click(within(crtsh).getByRole('switch', { name: 'Use crt.sh' }));
        await waitFor(() =>
            expect(screen.getByRole('region', { name: 'crt.sh' })).toHaveTextContent('Not used: turned off.')
        );
        const [post] = calls(fake, 'POST', 'setup');
        expect([...(post?.form.entries() ?? [])]).toEqual([['provider.crtsh.enabled', 'false']]);
        expect(screen.getByRole('region', { name: 'crt.sh' })).toHaveAttribute('data-ready', 'false');
    });

    it('saves and removes a provider key, never showing it', async () => {
        const { fake, user } = setup({
            'POST credentials': (r) => ({
                status: 200,
                body: { provider: r.form.get('provider'), configured: true, keyStored: true, username: null },
            }),
            'DELETE credentials': (r) => ({
                status: 200,
                body: {
                    provider: r.url.searchParams.get('provider'),
                    configured: false,
                    keyStored: false,
                    username: null,
                    removed: 1,
                },
            }),
        });
        const otx = await screen.findByRole('region', { name: 'AlienVault OTX' });
        const key = within(otx).getByLabelText('AlienVault OTX API key');
        expect(key).toHaveAttribute('type', 'password');
        await user.type(key, KEY);
        await user.click(within(otx).getByRole('button', { name: 'Save the AlienVault OTX API key' }));
        expect(await within(otx).findByText('The AlienVault OTX API key is saved.')).toBeInTheDocument();
        expect(otx).toHaveTextContent('Key required: a key is stored. In use.');
        expect(within(otx).getByLabelText('AlienVault OTX API key')).toHaveValue('');
        const [post] = calls(fake, 'POST', 'credentials');
        expect(post?.form.get('provider')).toBe('otx');
        expect(post?.form.get('api_key')).toBe(KEY);
        expect(post?.form.has('username')).toBe(false);
        expect(document.body.innerHTML).not.toContain(KEY);

        await user.click(within(otx).getByRole('button', { name: 'Remove the AlienVault OTX API key' }));
        expect(await within(otx).findByText('The AlienVault OTX API key is removed.')).toBeInTheDocument();
        expect(otx).toHaveTextContent('Not used: it needs a key.');
        const [remove] = calls(fake, 'DELETE', 'credentials');
        expect(remove?.url.searchParams.get('provider')).toBe('otx');

        // CIRCL takes a username and a password.
        const circl = screen.getByRole('region', { name: 'CIRCL Passive DNS' });
        expect(within(circl).getByRole('textbox', { name: 'CIRCL Passive DNS username' })).toBeInTheDocument();
        expect(within(circl).getByLabelText('CIRCL Passive DNS password')).toHaveAttribute('type', 'password');
    });

    it('tests a provider and says the answer or the specific failure', async () => {
        const { user } = setup({
            'GET check': (r) =>
                r.url.searchParams.get('provider') === 'crtsh'
                    ? {
                          status: 200,
                          body: {
                              ok: true,
                              provider: 'crtsh',
                              label: 'crt.sh',
                              text: 'crt.sh answered the test query (certificates of example.com).',
                          },
                      }
                    : splunkdError(
                          429,
                          'Shodan InternetDB: the app limits it to 30 requests a minute; try again in a minute.',
                          'rate_limited'
                      ),
        });
        await user.click(await screen.findByRole('button', { name: 'Test crt.sh' }));
        const results = await screen.findAllByTestId(setupTestIds.providerCheck);
        expect(results[0]).toHaveAttribute('data-provider', 'crtsh');
        expect(results[0]).toHaveAttribute('data-ok', 'true');
        expect(results[0]).toHaveTextContent('crt.sh answered the test query (certificates of example.com).');

        await user.click(screen.getByRole('button', { name: 'Test Shodan InternetDB' }));
        await waitFor(() => expect(screen.getAllByTestId(setupTestIds.providerCheck)).toHaveLength(2));
        const failed = screen
            .getAllByTestId(setupTestIds.providerCheck)
            .find((r) => r.getAttribute('data-provider') === 'internetdb');
        expect(failed).toHaveAttribute('data-ok', 'false');
        expect(failed).toHaveAttribute('data-code', 'rate_limited');
        expect(failed).toHaveTextContent('the app limits it to 30 requests a minute');
        // The PassiveTotal "Test connection" result is separate.
        expect(screen.queryByTestId(setupTestIds.connectionResult)).toBeNull();
    });

    it('changes a provider’s settings and names a refused one under its control', async () => {
        const { fake, user } = setup({
            'POST setup': refused({
                'provider.crtsh.rate_limit_per_minute': wholeNumber('provider.crtsh.rate_limit_per_minute'),
            }),
        });
        const crtsh = await screen.findByRole('region', { name: 'crt.sh' });
        await user.click(within(crtsh).getByRole('button', { name: 'Show the settings of crt.sh' }));
        const url = within(crtsh).getByRole('textbox', { name: 'crt.sh server URL' });
        expect(url).toHaveValue(providerSpec('crtsh').baseUrl);
        await user.clear(url);
        await user.type(url, 'http://127.0.0.1:9999/crtsh');
        await user.click(within(crtsh).getByRole('button', { name: 'Save crt.sh' }));
        expect(await within(crtsh).findByText(wholeNumber('provider.crtsh.rate_limit_per_minute'))).toBeInTheDocument();
        const [post] = calls(fake, 'POST', 'setup');
        expect(Object.fromEntries(post?.form.entries() ?? [])).toEqual({
            'provider.crtsh.base_url': 'http://127.0.0.1:9999/crtsh',
            'provider.crtsh.rate_limit_per_minute': String(
                numericSetting('provider.crtsh.rate_limit_per_minute').default
            ),
            'provider.crtsh.calls_per_user_per_day': String(
                numericSetting('provider.crtsh.calls_per_user_per_day').default
            ),
            'provider.crtsh.ttl_seconds': String(numericSetting('provider.crtsh.ttl_seconds').default),
            'provider.crtsh.timeout_seconds': String(numericSetting('provider.crtsh.timeout_seconds').default),
        });
        expect(within(crtsh).getByRole('spinbutton', { name: 'crt.sh lookups per user per day' })).toHaveValue(
            String(numericSetting('provider.crtsh.calls_per_user_per_day').default)
        );
        await user.click(
            within(screen.getByRole('region', { name: 'RDAP' })).getByRole('button', {
                name: 'Show the settings of RDAP',
            })
        );
        expect(screen.getByRole('textbox', { name: 'RDAP bootstrap URL' })).toHaveValue(providerSpec('rdap').baseUrl);
    });

    it('reorders the providers of a dataset and leaves one out', async () => {
        const { fake, user } = setup({ 'POST setup': { status: 200, body: SETUP } });
        const certificates = await screen.findByRole('list', { name: 'Providers of Certificates' });
        // A switch is named by its label (aria-labelledby).
        const names = (list: HTMLElement) =>
            within(list)
                .getAllByRole('switch')
                .map((s) => document.getElementById(s.getAttribute('aria-labelledby') ?? '')?.textContent);
        expect(names(certificates)).toEqual(['PassiveTotal', 'crt.sh']);
        await user.click(within(certificates).getByRole('button', { name: 'Move crt.sh up in Certificates' }));
        expect(names(certificates)).toEqual(['crt.sh', 'PassiveTotal']);
        const resolutions = screen.getByRole('list', { name: 'Providers of Resolutions (passive DNS)' });
        await user.click(within(resolutions).getByRole('switch', { name: 'PassiveTotal' }));
        await user.click(screen.getByRole('button', { name: 'Save the order' }));
        expect(await screen.findByText('The provider order is saved.')).toBeInTheDocument();
        const [post] = calls(fake, 'POST', 'setup');
        expect(Object.fromEntries(post?.form.entries() ?? [])).toEqual({
            'order.whois': 'rdap',
            'order.certificates': 'crtsh,passivetotal',
            'order.resolutions': 'otx,circl',
            'order.reputation': 'passivetotal,otx',
            'order.host_attributes': 'passivetotal,internetdb',
        });
    });
});
