/** The benchmark's calls to splunkd's REST API (session token from `auth/login`, as Splunk Web uses). */

const APP = 'servicesNS/nobody/passivetotal';

/** A signed-in splunkd client. */
export interface SplunkdClient {
    /** GET or DELETE on a path under `servicesNS/nobody/passivetotal/`; resolves to the status. */
    call(method: 'GET' | 'DELETE', pathAndQuery: string): Promise<{ status: number; text: string }>;
    /** Empties the app's intelligence cache (route `cache`, DELETE). */
    purgeCache(): Promise<void>;
    /** Turns the app's cache on or off (`passivetotal.conf [cache] enabled`). */
    setCacheEnabled(enabled: boolean): Promise<void>;
    /** Sets keys of a `passivetotal.conf` stanza. */
    configure(stanza: string, form: Record<string, string>): Promise<void>;
}

/** A client for `user` (password `changeme`, the stand-in's users). */
export function splunkdClient(splunkdUrl: string, user: string): SplunkdClient {
    let token: Promise<string> | undefined;
    const login = async (): Promise<string> => {
        const response = await fetch(`${splunkdUrl}/services/auth/login?output_mode=json`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ username: user, password: 'changeme' }).toString(),
        });
        const body = (await response.json()) as { sessionKey?: string };
        if (!body.sessionKey) throw new Error(`splunkd refused the login of ${user}`);
        return body.sessionKey;
    };
    const headers = async () => ({ Authorization: `Splunk ${await (token ??= login())}` });
    const call = async (method: 'GET' | 'DELETE' | 'POST', pathAndQuery: string, form?: Record<string, string>) => {
        const response = await fetch(`${splunkdUrl}/${APP}/${pathAndQuery}`, {
            method,
            headers: {
                ...(await headers()),
                ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
            },
            ...(form ? { body: new URLSearchParams(form).toString() } : {}),
        });
        return { status: response.status, text: await response.text() };
    };
    const expectOk = async (what: string, reply: Promise<{ status: number; text: string }>) => {
        const { status, text } = await reply;
        if (status >= 300) throw new Error(`${what} answered ${String(status)}: ${text.slice(0, 300)}`);
    };
    return {
        call: (method, pathAndQuery) => call(method, pathAndQuery),
        purgeCache: () => expectOk('Purging the cache', call('DELETE', 'passivetotal/cache?output_mode=json')),
        configure: (stanza, form) =>
            expectOk(
                `Configuring [${stanza}]`,
                call('POST', `configs/conf-passivetotal/${encodeURIComponent(stanza)}?output_mode=json`, form)
            ),
        setCacheEnabled: (enabled) =>
            expectOk(
                'Changing the cache setting',
                call('POST', 'configs/conf-passivetotal/cache?output_mode=json', { enabled: String(enabled) })
            ),
    };
}
