import { cronMatches, nextRun, parseCron, CronError } from './cron';
import { APP_FILES, form, NOW_MS, startHarness, type Harness } from './test-harness';

const SAVED = `[default]
dispatch.earliest_time = -24h

[Copy to summary]
search = index=main sourcetype=test | stats count AS n BY host | eval kind="summary" | collect index=test_changes
enableSched = 1
cron_schedule = */15 * * * *

[Hosts alert]
disabled = 1
search = index=test_changes kind=summary | table host n
enableSched = 1
cron_schedule = 0 * * * *
counttype = number of events
relation = greater than
quantity = 0
alert.track = 1
alert.severity = 5
alert.suppress = 1
alert.suppress.period = 1h
action.email = 1
action.email.to = soc@example.com
action.email.subject.alert = $name$: $result.host$ ($job.resultCount$)
action.webhook = 1
action.webhook.param.url = https://hooks.example/alert

[Never]
search = index=main nothing_matches_this
enableSched = 1
cron_schedule = 30 * * * *
counttype = number of events
relation = greater than
quantity = 0
alert.track = 1
`;

const FILES = {
    ...APP_FILES,
    'default/savedsearches.conf': SAVED,
    'default/indexes.conf': `[test_changes]
homePath = $SPLUNK_DB/test_changes/db
coldPath = $SPLUNK_DB/test_changes/colddb
thawedPath = $SPLUNK_DB/test_changes/thaweddb
`,
};

interface Row {
    [field: string]: string | string[];
}

let h: Harness;
beforeAll(async () => {
    h = await startHarness({ scheduler: false, searchCommands: false }, FILES);
});
afterAll(async () => {
    await h.close();
});

async function waitDone(sid: string, token = h.adminToken): Promise<void> {
    for (let i = 0; i < 200; i++) {
        const res = await h.call(`/services/search/jobs/${encodeURIComponent(sid)}?output_mode=json`, { token });
        const body = (await res.json()) as { entry: { content: { isDone: boolean } }[] };
        if (body.entry[0]?.content.isDone) return;
        await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`job ${sid} did not finish`);
}

async function oneshot(search: string): Promise<Row[]> {
    const res = await h.call('/services/search/jobs', {
        ...form({ search, exec_mode: 'oneshot', output_mode: 'json', earliest_time: '0' }),
        token: h.adminToken,
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: Row[] }).results;
}

describe('cron_schedule', () => {
    it('reads steps, ranges, lists and both day fields as cron does', () => {
        const at = (iso: string) => Date.parse(iso) / 1000;
        expect(cronMatches(parseCron('*/30 * * * *'), at('2026-11-28T10:30:00Z'))).toBe(true);
        expect(cronMatches(parseCron('*/30 * * * *'), at('2026-11-28T10:31:00Z'))).toBe(false);
        expect(cronMatches(parseCron('15 6 * * 1-5'), at('2026-11-30T06:15:00Z'))).toBe(true); // Monday
        expect(cronMatches(parseCron('15 6 * * 1-5'), at('2026-11-29T06:15:00Z'))).toBe(false); // Sunday
        expect(cronMatches(parseCron('0 0 1 * 0'), at('2026-11-29T00:00:00Z'))).toBe(true); // a Sunday, not the 1st
        expect(nextRun(parseCron('5,35 * * * *'), at('2026-11-28T10:15:30Z'))).toBe(at('2026-11-28T10:35:00Z'));
        expect(() => parseCron('61 * * * *')).toThrow(CronError);
        expect(() => parseCron('* * *')).toThrow(CronError);
    });
});

describe('collect and the app’s indexes', () => {
    it('writes stash events into an index of indexes.conf, searchable by later searches', async () => {
        const before = h.splunkd.indexes.writtenCount;
        await oneshot(
            'search index=main sourcetype=test | stats count AS n BY host | eval host_name=host | collect index=test_changes'
        );
        const rows = await oneshot('search index=test_changes');
        expect(h.splunkd.indexes.writtenCount).toBeGreaterThan(before);
        expect(rows.length).toBeGreaterThan(0);
        const first = rows[0]!;
        expect(first.sourcetype).toBe('stash');
        expect(first.index).toBe('test_changes');
        expect(first.orig_host).toBeDefined();
        expect(first._raw).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} \+0000, info_min_time=/);
        expect(first._raw).toContain('n="');
        expect(first.n).toBeDefined();
    });

    it('refuses an index that does not exist, and writes nothing in testmode', async () => {
        const res = await h.call('/services/search/jobs', {
            ...form({ search: 'search index=main | collect index=nowhere', exec_mode: 'oneshot', output_mode: 'json' }),
            token: h.adminToken,
        });
        expect(res.status).toBe(400);
        expect(await res.text()).toContain("The index 'nowhere' does not exist");
        const before = h.splunkd.indexes.writtenCount;
        await oneshot('search index=main | collect index=test_changes testmode=true');
        expect(h.splunkd.indexes.writtenCount).toBe(before);
    });
});

describe('scheduled saved searches and alerts', () => {
    it('runs the enabled searches whose schedule names the minute, as splunk-system-user', async () => {
        const quarter = Math.floor(NOW_MS / 1000 / 3600) * 3600 + 15 * 60;
        const jobs = h.splunkd.savedSearches.tick(quarter);
        expect(jobs.map((j) => j.savedSearch)).toEqual(['Copy to summary']);
        expect(jobs[0]!.sid).toMatch(/^scheduler__nobody__passivetotal__Copy_to_summary_at_/);
        expect(jobs[0]!.owner).toBe('splunk-system-user');
        await waitDone(jobs[0]!.sid);
        expect(h.splunkd.savedSearches.tick(quarter + 60)).toEqual([]);
        const rows = await oneshot('search index=test_changes source="Copy to summary" kind=summary');
        expect(rows.length).toBeGreaterThan(0);
    });

    it('lists the saved searches with their schedule, and an administrator enables one', async () => {
        const list = await h.call('/servicesNS/nobody/passivetotal/saved/searches?output_mode=json', {
            token: h.adminToken,
        });
        const body = (await list.json()) as { entry: { name: string; content: Record<string, unknown> }[] };
        const alert = body.entry.find((e) => e.name === 'Hosts alert');
        expect(alert?.content.disabled).toBe(true);
        const denied = await h.call(
            `/servicesNS/nobody/passivetotal/saved/searches/${encodeURIComponent('Hosts alert')}/enable`,
            {
                ...form({ output_mode: 'json' }),
                token: h.analystToken,
            }
        );
        expect(denied.status).toBe(403);
        const enabled = await h.call(
            `/servicesNS/nobody/passivetotal/saved/searches/${encodeURIComponent('Hosts alert')}/enable`,
            {
                ...form({ output_mode: 'json' }),
                token: h.adminToken,
            }
        );
        expect(enabled.status).toBe(200);
        const after = (await enabled.json()) as { entry: { content: Record<string, unknown> }[] };
        expect(after.entry[0]!.content.disabled).toBe(false);
        expect(after.entry[0]!.content.next_scheduled_time).not.toBe('');
    });

    it('fires an alert with its actions when the condition holds, once per suppression period', async () => {
        const hour = Math.floor(NOW_MS / 1000 / 3600) * 3600 + 3600;
        const jobs = h.splunkd.savedSearches.tick(hour).filter((j) => j.savedSearch !== 'Copy to summary');
        expect(jobs.map((j) => j.savedSearch)).toEqual(['Hosts alert']);
        await waitDone(jobs[0]!.sid);
        const fired = await h.call(
            `/servicesNS/nobody/passivetotal/alerts/fired_alerts/${encodeURIComponent('Hosts alert')}?output_mode=json`,
            { token: h.adminToken }
        );
        const alerts = (await fired.json()) as { entry: { content: Record<string, unknown> }[] };
        expect(alerts.entry).toHaveLength(1);
        expect(alerts.entry[0]!.content).toMatchObject({
            savedsearch_name: 'Hosts alert',
            severity: 5,
            sid: jobs[0]!.sid,
        });
        const recorded = h.splunkd.savedSearches.alertActions();
        const email = recorded.find((a) => a.action === 'email');
        expect(email?.detail.to).toBe('soc@example.com');
        expect(String(email?.detail.subject)).toMatch(/^Hosts alert: \S+ \(\d+\)$/);
        const webhook = recorded.find((a) => a.action === 'webhook');
        expect(webhook?.detail.url).toBe('https://hooks.example/alert');
        expect(webhook?.detail.payload).toMatchObject({ search_name: 'Hosts alert', app: 'passivetotal' });

        const again = await h.call(
            `/servicesNS/nobody/passivetotal/saved/searches/${encodeURIComponent('Hosts alert')}/dispatch`,
            {
                ...form({ trigger_actions: '1', output_mode: 'json' }),
                token: h.adminToken,
            }
        );
        expect(again.status).toBe(201);
        await waitDone(((await again.json()) as { sid: string }).sid);
        expect(h.splunkd.savedSearches.firedAlerts()).toHaveLength(1);
    });

    it('fires nothing when the condition does not hold, and a dispatch without trigger_actions never alerts', async () => {
        const half = Math.floor(NOW_MS / 1000 / 3600) * 3600 + 30 * 60;
        const jobs = h.splunkd.savedSearches.tick(half).filter((j) => j.savedSearch !== 'Copy to summary');
        expect(jobs.map((j) => j.savedSearch)).toEqual(['Never']);
        await waitDone(jobs[0]!.sid);
        const all = await h.call('/servicesNS/nobody/passivetotal/alerts/fired_alerts?output_mode=json', {
            token: h.adminToken,
        });
        const groups = (await all.json()) as { entry: { name: string; content: { triggered_alert_count: number } }[] };
        expect(groups.entry.map((e) => e.name)).not.toContain('Never');
        expect(groups.entry.find((e) => e.name === '-')?.content.triggered_alert_count).toBe(1);
    });
});
