import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppConfig } from './app-config';
import { autoKv, LogMonitor, sourcePattern } from './log-monitor';

const ROOT = path.resolve(__dirname, '../../../..');

describe('the default monitor input of $SPLUNK_HOME/var/log/splunk', () => {
    let folder: string;
    beforeEach(() => {
        folder = path.join(mkdtempSync(path.join(tmpdir(), 'pt-monitor-')), 'var', 'log', 'splunk');
        mkdirSync(folder, { recursive: true });
    });
    afterEach(() => rmSync(path.dirname(path.dirname(path.dirname(folder))), { recursive: true, force: true }));

    it("reads the app's log with the app's sourcetype, a traceback staying with its record, fields by KV_MODE=auto", async () => {
        const config = await AppConfig.load(ROOT, 'passivetotal');
        const monitor = new LogMonitor(folder, config, 'sh1', () => 0);
        const file = path.join(folder, 'passivetotal.log');
        writeFileSync(
            file,
            '2026-12-06 10:00:00,250 INFO pid=7 passivetotal.calls - upstream_call provider=passivetotal ' +
                'user="jane doe" cached=true status=200\n' +
                '2026-12-06 10:00:01,000 ERROR pid=7 passivetotal.service - failed\nTraceback (most recent call last):\n' +
                '  File "x.py", line 1\n2026-12-06 10:00:02,000 INFO pid=7 passivetotal.calls - investiga'
        );
        const first = monitor.poll();
        expect(first.map((e) => e.raw.split('\n').length)).toEqual([1, 3]);
        const [call, failure] = first;
        expect(call?.fields.get('index')).toBe('_internal');
        expect(call?.fields.get('sourcetype')).toBe('passivetotal:log');
        expect(call?.fields.get('source')).toBe(file);
        expect(call?.fields.get('host')).toBe('sh1');
        expect(call?.fields.get('user')).toBe('jane doe');
        expect(call?.fields.get('cached')).toBe('true');
        const local = new Date(2026, 11, 6, 10, 0, 0, 250).getTime() / 1000;
        expect(call?.time).toBeCloseTo(local, 3);
        expect(failure?.raw).toContain('Traceback');

        // The unfinished line becomes an event once its newline is written; nothing is read twice.
        appendFileSync(file, 'tion user="bob" type=domain\n');
        const second = monitor.poll();
        expect(second.map((e) => [e.fields.get('user'), e.fields.get('type')])).toEqual([['bob', 'domain']]);
        expect(monitor.poll()).toEqual([]);

        // A rotated (shorter) file is read from its start.
        writeFileSync(file, '2026-12-06 11:00:00,000 INFO pid=8 passivetotal - started\n');
        expect(monitor.poll().map((e) => e.fields.get('pid'))).toEqual(['8']);
    });

    it('gives a file no stanza names a sourcetype from its name and the time it was read', async () => {
        const config = await AppConfig.load(ROOT, 'passivetotal');
        const monitor = new LogMonitor(folder, config, 'sh1', () => 5_000);
        writeFileSync(path.join(folder, 'other.log'), 'no time here\n');
        writeFileSync(path.join(folder, 'notes.txt'), 'not a log\n');
        const events = monitor.poll();
        expect(events.map((e) => [e.fields.get('sourcetype'), e.time])).toEqual([['other-too_small', 5]]);
    });
});

describe('props.conf source patterns and automatic key-value extraction', () => {
    it('matches "..." across folders, "*" within one, and a dot only as a dot', () => {
        const pattern = sourcePattern('source::.../var/log/splunk/passivetotal.log(.\\d+)?');
        expect(pattern.test('/opt/splunk/var/log/splunk/passivetotal.log')).toBe(true);
        expect(pattern.test('/opt/splunk/var/log/splunk/passivetotal.log.2')).toBe(true);
        expect(pattern.test('/opt/splunk/var/log/splunk/passivetotalxlog')).toBe(false);
        expect(sourcePattern('source::/a/*.log').test('/a/b/c.log')).toBe(false);
    });

    it('extracts bare and quoted values, the first of a repeated key', () => {
        expect([...autoKv('a=1 b="two words" c=x,y a=9 x.y=z')]).toEqual([
            ['a', '1'],
            ['b', 'two words'],
            ['c', 'x'],
            ['x.y', 'z'],
        ]);
    });
});
