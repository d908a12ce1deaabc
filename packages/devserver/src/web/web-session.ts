import { randomBytes } from 'node:crypto';

/** A Splunk Web session: the signed-in user and the splunkd session key Splunk Web calls splunkd with. */
export interface WebSession {
    user: string;
    sessionKey: string;
    csrfToken: string;
}

/** Splunk Web's cookies, named after its port as in Splunk: `splunkd_<port>` and `splunkweb_csrf_token_<port>`. */
export function cookieNames(port: number): { session: string; csrf: string } {
    return { session: `splunkd_${String(port)}`, csrf: `splunkweb_csrf_token_${String(port)}` };
}

/** The sessions of a Splunk Web, keyed by the session cookie's value. */
export class WebSessions {
    private readonly sessions = new Map<string, WebSession>();

    /** Opens a session for a user whose splunkd session key is known; returns the cookie value. */
    open(user: string, sessionKey: string): { id: string; session: WebSession } {
        const id = randomBytes(24).toString('hex');
        const session = { user, sessionKey, csrfToken: randomBytes(16).toString('hex') };
        this.sessions.set(id, session);
        return { id, session };
    }

    get(id: string | undefined): WebSession | undefined {
        return id === undefined ? undefined : this.sessions.get(id);
    }

    close(id: string | undefined): void {
        if (id !== undefined) this.sessions.delete(id);
    }
}
