/**
 * GETs of the app's endpoint as status and body, batched (batch.ts): the transport of the intelligence providers.
 */
import { endpointPath } from '@passivetotal/core';
import { createBatcher, type CallAnswer } from './batch';
import { RestError, isAbortError, restGet } from './rest';

const ENDPOINT = 'passivetotal';

/** The route families whose calls travel in batches (`pt/`, `open/`: the catalogue's routes under the endpoint). */
const BATCHED = [endpointPath('pt'), endpointPath('open')].map((path) => `${path.slice(ENDPOINT.length + 1)}/`);

function queryOf(search: string): Record<string, string> {
    const query: Record<string, string> = {};
    new URLSearchParams(search).forEach((value, key) => {
        query[key] = value;
    });
    return query;
}

/** One GET; a splunkd error becomes its status and envelope, like a batch answer. */
async function single(call: string, signal?: AbortSignal): Promise<CallAnswer> {
    const [path = '', search = ''] = call.split('?');
    try {
        const body = await restGet(`${ENDPOINT}/${path}`, { query: queryOf(search), ...(signal ? { signal } : {}) });
        return { status: 200, body };
    } catch (error) {
        if (isAbortError(error)) throw error;
        if (error instanceof RestError && error.status > 0)
            return { status: error.status, body: { messages: error.messages } };
        throw error;
    }
}

function isAnswerList(value: unknown): value is readonly CallAnswer[] {
    return (
        Array.isArray(value) &&
        value.every(
            (a) => typeof a === 'object' && a !== null && typeof (a as { status?: unknown }).status === 'number'
        )
    );
}

const batched = createBatcher({
    single,
    batch: async (calls) => {
        const body = (await restGet(endpointPath('batch'), { query: { r: calls } })) as { responses?: unknown } | null;
        const responses = body?.responses;
        if (!isAnswerList(responses)) throw new Error('The endpoint answered the batch without a list of answers.');
        return responses;
    },
});

/**
 * A GET of the endpoint (`passivetotal/<route>?<query>`): `pt/` and `open/` calls are batched with the others made
 * at the same moment; anything else goes alone.
 *
 * @example const { status, body } = await endpointGet('passivetotal/pt/whois?query=evil.example', signal);
 */
export function endpointGet(url: string, signal?: AbortSignal): Promise<CallAnswer> {
    const call = url.startsWith(`${ENDPOINT}/`) ? url.slice(ENDPOINT.length + 1) : url;
    return BATCHED.some((prefix) => call.startsWith(prefix)) ? batched(call, signal) : single(call, signal);
}
