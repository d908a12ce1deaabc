import { readFileSync } from 'node:fs';
import path from 'node:path';
import { confToObject, parseConf } from '@passivetotal/tooling/conf';
import { expandLink, fieldMenuActions, investigateLink, linkActions, splunkWebPath } from './workflow-link';

const CONF = path.resolve(__dirname, '../../../../default/workflow_actions.conf');
const actions = linkActions(confToObject(parseConf(readFileSync(CONF, 'utf8'), 'workflow_actions.conf')));

/** The link a user opens from the field menu of `field` holding `value`. */
function clickField(field: string, value: string): string {
    const offered = fieldMenuActions(actions, field);
    expect(offered).toHaveLength(1);
    const [action] = offered;
    if (!action) throw new Error(`no action for ${field}`);
    expect(action.target).toBe('blank');
    expect(expandLink(action.label, { field, value })).toBe(`Investigate ${encodeURIComponent(value)} in PassiveTotal`);
    return splunkWebPath(expandLink(action.uri, { field, value }));
}

describe('the workflow actions', () => {
    it('open the investigation of an IP, a domain and a defanged URL', () => {
        expect(clickField('src_ip', '203.0.113.7')).toBe('/en-US/app/passivetotal/investigate?indicator=203.0.113.7');
        expect(clickField('query', 'evil.example')).toBe('/en-US/app/passivetotal/investigate?indicator=evil.example');
        expect(clickField('url', 'hxxp://evil[.]example/login?a=1&b=2')).toBe(
            '/en-US/app/passivetotal/investigate?indicator=hxxp%3A%2F%2Fevil%5B.%5Dexample%2Flogin%3Fa%3D1%26b%3D2'
        );
        expect(clickField('sender', 'phish@evil.example')).toBe(
            '/en-US/app/passivetotal/investigate?indicator=phish%40evil.example'
        );
    });

    it('build the same link as the documented deep link', () => {
        for (const [field, value] of [
            ['dest_ip', '198.51.100.7'],
            ['dest_host', 'cdn.evil.example'],
            ['uri', 'hxxps://evil[.]example/a b'],
        ] as const) {
            expect(clickField(field, value)).toBe(splunkWebPath(investigateLink(value)));
        }
    });

    it('cover the field names of the issue, with globs', () => {
        for (const field of ['src', 'dest', 'src_ip', 'dest_ip', 'clientip', 'ip', 'src_translated_ip']) {
            expect(fieldMenuActions(actions, field).map((a) => a.name)).toEqual(['passivetotal_ip']);
        }
        for (const field of ['domain', 'query', 'dest_host', 'url_domain', 'site']) {
            expect(fieldMenuActions(actions, field).map((a) => a.name)).toEqual(['passivetotal_domain']);
        }
        for (const field of ['url', 'uri']) {
            expect(fieldMenuActions(actions, field).map((a) => a.name)).toEqual(['passivetotal_url']);
        }
        for (const field of ['sender', 'recipient', 'src_user']) {
            expect(fieldMenuActions(actions, field).map((a) => a.name)).toEqual(['passivetotal_email']);
        }
        expect(fieldMenuActions(actions, 'sourcetype')).toEqual([]);
        expect(fieldMenuActions(actions, '_raw')).toEqual([]);
    });

    it('offer an event action for the destination of the event', () => {
        const event = actions.filter((a) => a.displayLocation === 'event_menu');
        expect(event.map((a) => a.name)).toEqual(['passivetotal_event_dest']);
        const [action] = event;
        expect(splunkWebPath(expandLink(action?.uri ?? '', {}, { dest: 'evil.example' }))).toBe(
            '/en-US/app/passivetotal/investigate?indicator=evil.example'
        );
    });
});
