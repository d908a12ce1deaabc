import { installFetch, splunkdError } from './fetch-mock';
import { isAbortError, REQUEST_TIMEOUT_MS, RestError, restDelete, restGet, restPost, restUrl } from './rest';

describe('the REST wrapper', () => {
    let restore: () => void = () => undefined;
    afterEach(() => restore());

    it('builds namespaced URLs with output_mode=json', () => {
        expect(restUrl('passivetotal/status')).toBe(
            '/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal/status?output_mode=json'
        );
        expect(restUrl('server/info', { app: null, query: { output_mode: 'xml', a: ['1', 2] } })).toBe(
            '/en-US/splunkd/__raw/services/server/info?a=1&a=2&output_mode=json'
        );
        expect(restUrl('saved/searches', { app: 'search', owner: 'admin', query: { skip: undefined } })).toBe(
            '/en-US/splunkd/__raw/servicesNS/admin/search/saved/searches?output_mode=json'
        );
    });

    it('sends the CSRF header and a form-encoded body, and returns the parsed JSON', async () => {
        document.cookie = 'splunkweb_csrf_token_8000=csrf-123';
        const fake = installFetch(() => ({ status: 201, body: { configured: true } }));
        restore = fake.restore;
        await expect(
            restPost('passivetotal/credentials', { form: { username: 'a&b@example.com', api_key: 'k=1 2' } })
        ).resolves.toEqual({ configured: true });
        const [call] = fake.calls;
        expect(call?.method).toBe('POST');
        expect(call?.headers['X-Splunk-Form-Key']).toBe('csrf-123');
        expect(call?.headers['X-Requested-With']).toBe('XMLHttpRequest');
        expect(call?.form.get('username')).toBe('a&b@example.com');
        expect(call?.form.get('api_key')).toBe('k=1 2');
    });

    it('gives up on an answer that does not come, with a message saying so', async () => {
        jest.useFakeTimers();
        const original = globalThis.fetch;
        globalThis.fetch = (_url: RequestInfo | URL, init?: RequestInit) =>
            new Promise<Response>((_resolve, reject) => {
                init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
            });
        try {
            const pending = restGet('passivetotal/status');
            jest.advanceTimersByTime(REQUEST_TIMEOUT_MS);
            await expect(pending).rejects.toMatchObject({
                status: 0,
                messages: [{ text: expect.stringMatching(/did not answer within 60 seconds/) as unknown }],
            });
        } finally {
            globalThis.fetch = original;
            jest.useRealTimers();
        }
    });

    it('resolves null for 204', async () => {
        const fake = installFetch(() => ({ status: 204 }));
        restore = fake.restore;
        await expect(restDelete('passivetotal/cache')).resolves.toBeNull();
    });

    it("throws a RestError with the status, splunkd's messages and the app's code", async () => {
        const fake = installFetch(() =>
            splunkdError(401, 'PassiveTotal refused the username or API key (HTTP 401).', 'bad_credentials')
        );
        restore = fake.restore;
        const error: unknown = await restGet('passivetotal/check').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RestError);
        const rest = error as RestError;
        expect(rest.status).toBe(401);
        expect(rest.code).toBe('bad_credentials');
        expect(rest.message).toBe('PassiveTotal refused the username or API key (HTTP 401).');
        expect(rest.messages).toHaveLength(1);
    });

    it("reads splunkd's own errors, which have no code", async () => {
        const fake = installFetch(() => ({
            status: 403,
            body: {
                messages: [
                    { type: 'WARN', text: 'note' },
                    { type: 'ERROR', text: 'You (user=analyst) cannot write' },
                ],
            },
        }));
        restore = fake.restore;
        const error = (await restPost('configs/conf-passivetotal/api').catch((e: unknown) => e)) as RestError;
        expect(error.status).toBe(403);
        expect(error.code).toBeUndefined();
        expect(error.message).toBe('You (user=analyst) cannot write');
    });

    it('explains an answer without a message, and a page that is not JSON', async () => {
        const fake = installFetch((r) =>
            r.path.endsWith('html') ? { status: 200, body: '<html>login</html>' } : { status: 502, body: '<html/>' }
        );
        restore = fake.restore;
        const gateway = (await restGet('x').catch((e: unknown) => e)) as RestError;
        expect(gateway.status).toBe(502);
        expect(gateway.message).toBe('Splunk answered 502 without an explanation.');
        const page = (await restGet('html').catch((e: unknown) => e)) as RestError;
        expect(page.code).toBe('malformed');
    });

    it('reports a network failure as status 0', async () => {
        const fake = installFetch(() => Promise.reject(new TypeError('Failed to fetch')));
        restore = fake.restore;
        const error = (await restGet('x').catch((e: unknown) => e)) as RestError;
        expect(error).toBeInstanceOf(RestError);
        expect([error.status, error.code]).toEqual([0, 'network']);
    });

    it('rejects an aborted request with an AbortError, not a RestError', async () => {
        const fake = installFetch(() => new Promise(() => undefined));
        restore = fake.restore;
        const controller = new AbortController();
        const pending = restGet('passivetotal/status', { signal: controller.signal }).catch((e: unknown) => e);
        controller.abort();
        const error = await pending;
        expect(isAbortError(error)).toBe(true);
        expect(error).not.toBeInstanceOf(RestError);
    });
});
