import { PersistentHandlerError } from './persistent-handler-error';
import { persistentHandlerErrorReply, readHandlerReply } from './persistent-reply';

describe('readHandlerReply', () => {
    it('decodes a JSON reply dict', () => {
        const reply = readHandlerReply(
            Buffer.from('{"status":[201,"Created"],"headers":[["X-A","1"]],"payload":{"ok":true}}')
        );
        expect(reply).toEqual({ status: [201, 'Created'], headers: [['X-A', '1']], payload: { ok: true } });
    });

    it('accepts dict headers with repeated values and payload_base64', () => {
        const reply = readHandlerReply(Buffer.from('{"headers":{"Set-Cookie":["a=1","b=2"]},"payload_base64":"AA=="}'));
        expect(reply).toEqual({ headers: { 'Set-Cookie': ['a=1', 'b=2'] }, payload_base64: 'AA==' });
    });

    it('makes any other text the payload and an empty reply a null payload', () => {
        expect(readHandlerReply(Buffer.from('plain'))).toEqual({ payload: 'plain' });
        expect(readHandlerReply(Buffer.from('[1,2]'))).toEqual({ payload: '[1,2]' });
        expect(readHandlerReply(Buffer.alloc(0))).toEqual({ payload: null });
    });

    it.each([
        ['status', '{"status":"200"}'],
        ['status', '{"status":[200]}'],
        ['headers', '{"headers":{"A":1}}'],
        ['headers', '{"headers":[["A"]]}'],
        ['payload_base64', '{"payload_base64":1}'],
    ])('refuses a reply whose %s has the wrong type: %s', (field, json) => {
        expect(() => readHandlerReply(Buffer.from(json))).toThrow(`invalid "${field}"`);
    });
});

describe('persistentHandlerErrorReply', () => {
    it('is a 500 in splunkd message form', () => {
        expect(persistentHandlerErrorReply(new PersistentHandlerError('timeout', 'too slow'))).toEqual({
            status: 500,
            payload: { messages: [{ type: 'ERROR', text: 'too slow' }] },
        });
    });
});
