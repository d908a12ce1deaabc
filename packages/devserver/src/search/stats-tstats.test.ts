import { parseMacrosConf } from './macros';
import { runSearch } from './spl-pipeline';
import { TEST_NOW, event, storeOf } from './test-events';

const access = storeOf(
    event('a1', {
        _time: TEST_NOW - 10,
        sourcetype: 'access_combined',
        host: 'www1',
        kbps: '10',
        clientip: '1.1.1.1',
        status: '200',
    }),
    event('a2', {
        _time: TEST_NOW - 20,
        sourcetype: 'access_combined',
        host: 'www1',
        kbps: '30',
        clientip: '2.2.2.2',
        status: '404',
    }),
    event('a3', {
        _time: TEST_NOW - 30,
        sourcetype: 'access_combined',
        host: 'www2',
        kbps: '5',
        clientip: '1.1.1.1',
        status: '200',
    }),
    event('a4', {
        _time: TEST_NOW - 40,
        sourcetype: 'access_combined',
        host: 'www2',
        clientip: '3.3.3.3',
        status: '200',
    })
);
const rows = (spl: string, store = access): Record<string, string | string[]>[] =>
    runSearch(store, spl, { now: TEST_NOW }).results;

describe('stats: examples from the stats command reference', () => {
    it('sourcetype=access* | stats avg(kbps) by host', () => {
        expect(rows('sourcetype=access* | stats avg(kbps) by host')).toEqual([
            { host: 'www1', 'avg(kbps)': '20' },
            { host: 'www2', 'avg(kbps)': '5' },
        ]);
    });

    it('sourcetype=access* | stats count, dc(clientip) as clients by status', () => {
        expect(rows('sourcetype=access* | stats count, dc(clientip) as clients by status')).toEqual([
            { status: '200', count: '3', clients: '2' },
            { status: '404', count: '1', clients: '1' },
        ]);
    });

    it('stats over no events gives count 0 without a by clause, no rows with one', () => {
        expect(rows('nomatch | stats count')).toEqual([{ count: '0' }]);
        expect(rows('nomatch | stats count by host')).toEqual([]);
    });

    it("the app's sighting query: count, first and last seen, values by candidate", () => {
        const spl =
            'sourcetype=access* | eval candidate=clientip | stats count min(_time) as first_seen max(_time) as last_seen values(index) values(sourcetype) by candidate';
        expect(rows(spl)[0]).toEqual({
            candidate: '1.1.1.1',
            count: '2',
            first_seen: String(TEST_NOW - 30),
            last_seen: String(TEST_NOW - 10),
            'values(index)': 'main',
            'values(sourcetype)': 'access_combined',
        });
    });

    it('supports values, list, first, last, earliest, latest, sum, min, max, range by multivalue fields', () => {
        expect(
            rows(
                '* | stats values(host) list(status) first(clientip) last(clientip) earliest(kbps) latest(kbps) sum(kbps) range(kbps)'
            )
        ).toEqual([
            {
                'values(host)': ['www1', 'www2'],
                'list(status)': ['200', '404', '200', '200'],
                'first(clientip)': '1.1.1.1',
                'last(clientip)': '3.3.3.3',
                'earliest(kbps)': '5',
                'latest(kbps)': '10',
                'sum(kbps)': '45',
                'range(kbps)': '25',
            },
        ]);
        const mv = storeOf(event('x', { answer: ['b', 'a'] }), event('y', { answer: 'a' }));
        expect(rows('* | stats count by answer', mv)).toEqual([
            { answer: 'a', count: '2' },
            { answer: 'b', count: '1' },
        ]);
    });
});

describe('tstats over CIM data models', () => {
    const store = storeOf(
        event('fw allow', {
            _time: TEST_NOW - 10,
            index: 'fw',
            sourcetype: 'pan:traffic',
            src: '10.0.0.1',
            dest: '1.2.3.4',
            dest_port: '443',
        }),
        event('fw deny', {
            _time: TEST_NOW - 20,
            index: 'fw',
            sourcetype: 'pan:traffic',
            src: '10.0.0.2',
            dest: '1.2.3.4',
            dest_port: '22',
        }),
        event('GET http://evil.example/x', {
            _time: TEST_NOW - 30,
            index: 'proxy',
            sourcetype: 'bluecoat:proxysg',
            src: '10.0.0.1',
            dest: 'evil.example',
            url: 'http://evil.example/x',
        }),
        event('dns q evil.example A', {
            _time: TEST_NOW - 40,
            index: 'dns',
            sourcetype: 'stream:dns',
            src: '10.0.0.3',
            query: 'evil.example',
            answer: ['1.2.3.4', '5.6.7.8'],
        }),
        event('mail', {
            _time: TEST_NOW - 50,
            index: 'mail',
            sourcetype: 'ms:o365',
            src_user: 'a@evil.example',
            recipient: 'b@corp.example',
            url: 'http://evil.example/p',
        }),
        event('cert', {
            _time: TEST_NOW - 60,
            index: 'certs',
            sourcetype: 'bro:x509',
            ssl_hash: 'ab12',
            ssl_subject_common_name: 'evil.example',
            dest: '1.2.3.4',
            src: '10.0.0.1',
        }),
        event('tagged', {
            _time: TEST_NOW - 70,
            index: 'fw',
            sourcetype: 'custom',
            tag: ['network', 'communicate'],
            src: '10.0.0.9',
            dest: '9.9.9.9',
            url: 'http://x/',
        })
    );
    const macros = parseMacrosConf('[summariesonly]\ndefinition = summariesonly=t allow_old_summaries=t\n');
    const t = (spl: string): Record<string, string | string[]>[] =>
        runSearch(store, spl, { now: TEST_NOW, macros }).results;

    it('| tstats count from datamodel=Network_Traffic.All_Traffic by All_Traffic.dest_port', () => {
        expect(t('| tstats count from datamodel=Network_Traffic.All_Traffic by All_Traffic.dest_port')).toEqual([
            { 'All_Traffic.dest_port': '22', count: '1' },
            { 'All_Traffic.dest_port': '443', count: '1' },
        ]);
        expect(t('| tstats count from datamodel=Network_Traffic where All_Traffic.src=10.0.0.9')).toEqual([
            { count: '1' },
        ]);
    });

    it("the app's Web query with summariesonly from a macro", () => {
        expect(
            t(
                '| tstats `summariesonly` count min(_time) max(_time) values(index) from datamodel=Web.Web where Web.url="*evil.example*" by Web.src Web.dest'
            )
        ).toEqual([
            {
                'Web.src': '10.0.0.1',
                'Web.dest': 'evil.example',
                count: '1',
                'min(_time)': String(TEST_NOW - 30),
                'max(_time)': String(TEST_NOW - 30),
                'values(index)': 'proxy',
            },
        ]);
        expect(t('| tstats summariesonly=false count from datamodel=Web.Proxy')).toEqual([{ count: '1' }]);
    });

    it('Network_Resolution, Email and Certificates', () => {
        expect(t('| tstats count from datamodel=Network_Resolution.DNS where DNS.answer=1.2.3.4 by DNS.query')).toEqual(
            [{ 'DNS.query': 'evil.example', count: '1' }]
        );
        expect(
            t('| tstats values(All_Email.recipient) as rcpt from datamodel=Email.All_Email by All_Email.src_user')
        ).toEqual([{ 'All_Email.src_user': 'a@evil.example', rcpt: 'b@corp.example' }]);
        expect(
            t(
                '| tstats count from datamodel=Certificates.All_Certificates where All_Certificates.SSL.ssl_subject_common_name=evil.example by All_Certificates.SSL.ssl_hash'
            )
        ).toEqual([{ 'All_Certificates.SSL.ssl_hash': 'ab12', count: '1' }]);
    });

    it('without a data model reads index-time fields and raw terms', () => {
        expect(t('| tstats count where index=* TERM(evil.example) by index')).toEqual([{ index: 'dns', count: '1' }]);
        expect(t('| tstats count where index=fw by sourcetype')).toEqual([
            { sourcetype: 'custom', count: '1' },
            { sourcetype: 'pan:traffic', count: '2' },
        ]);
    });

    it('reads only the default indexes unless the where names an index, also through a parenthesised macro', () => {
        const scoped = parseMacrosConf('[idx]\ndefinition = index=*\n[two]\ndefinition = (index=fw OR index=dns)\n');
        const run = (spl: string) =>
            runSearch(store, spl, { now: TEST_NOW, macros: scoped, defaultIndexes: ['main', 'os'] }).results;
        const web = '| tstats count from datamodel=Web.Web where ';
        expect(run(web + 'Web.dest="evil.example"')).toEqual([{ count: '0' }]);
        // Splunk accepts an index constraint anywhere in the tstats where, e.g. `where index=* Web.dest=x`.
        expect(run(web + 'index=* Web.dest="evil.example"')).toEqual([{ count: '1' }]);
        expect(run(web + '(`idx`) (Web.dest="evil.example" OR Web.src="x")')).toEqual([{ count: '1' }]);
        expect(
            run('| tstats count from datamodel=Network_Traffic where (`two`) (All_Traffic.dest="1.2.3.4") by index')
        ).toEqual([{ index: 'fw', count: '2' }]);
    });

    it('fills missing by-fields only with fillnull_value', () => {
        expect(t('| tstats fillnull_value=NULL count from datamodel=Web.Web by Web.status')).toEqual([
            { 'Web.status': 'NULL', count: '1' },
        ]);
    });

    it('fails instead of silently matching nothing', () => {
        expect(() => t('| tstats count from datamodel=Web.Web where url=x')).toThrow(
            "Error in 'tstats' command: The field 'url' is not available in the data model 'Web.Web'."
        );
        expect(() => t('| tstats count where src=10.0.0.1')).toThrow(
            /The field 'src' is not available in index-time data/
        );
        expect(() => t('| tstats count from datamodel=Malware.Malware_Attacks')).toThrow(
            /The data model 'Malware.Malware_Attacks' was not found/
        );
        expect(() => t('| tstats prestats=t count from datamodel=Web')).toThrow(/'prestats=true' is not supported/);
        expect(() => t('index=fw | tstats count')).toThrow(
            "Error in 'tstats' command: This command must be the first command of a search."
        );
    });
});

describe('tstats over Intrusion_Detection.IDS_Attacks', () => {
    const store = storeOf(
        event('snort alert ET TROJAN evil beacon', {
            _time: TEST_NOW - 10,
            index: 'ids',
            sourcetype: 'snort',
            signature: 'ET TROJAN evil beacon',
            signature_id: '2012345',
            ids_type: 'network',
            severity: 'high',
            category: 'trojan-activity',
            src: '10.0.0.5',
            dest: '203.0.113.7',
            dest_port: '443',
            transport: 'tcp',
            action: 'allowed',
        }),
        event('suricata alert scan', {
            _time: TEST_NOW - 20,
            index: 'ids',
            sourcetype: 'suricata',
            signature: 'ET SCAN nmap',
            ids_type: 'network',
            src: '198.51.100.9',
            dest: '10.0.0.5',
        }),
        event('tagged ids alert', {
            _time: TEST_NOW - 30,
            index: 'ids',
            sourcetype: 'custom',
            tag: ['ids', 'attack'],
            signature: 'Custom rule',
            src: '10.0.0.6',
            dest: '203.0.113.7',
        }),
        event('tagged but not an attack', {
            _time: TEST_NOW - 40,
            index: 'ids',
            sourcetype: 'custom',
            tag: ['ids'],
            signature: 'Heartbeat',
            ids_type: 'host',
        }),
        event('fw allow', {
            _time: TEST_NOW - 50,
            index: 'fw',
            sourcetype: 'pan:traffic',
            src: '10.0.0.5',
            dest: '203.0.113.7',
        }),
        event('signature without ids_type', {
            _time: TEST_NOW - 60,
            index: 'av',
            sourcetype: 'av',
            signature: 'EICAR',
            src: '10.0.0.7',
            dest: '10.0.0.8',
        })
    );
    const t = (spl: string): Record<string, string | string[]>[] => runSearch(store, spl, { now: TEST_NOW }).results;

    it('counts events by tag ids + attack, or with signature and ids_type when untagged', () => {
        expect(
            t('| tstats count from datamodel=Intrusion_Detection.IDS_Attacks where index=* by IDS_Attacks.signature')
        ).toEqual([
            { 'IDS_Attacks.signature': 'Custom rule', count: '1' },
            { 'IDS_Attacks.signature': 'ET SCAN nmap', count: '1' },
            { 'IDS_Attacks.signature': 'ET TROJAN evil beacon', count: '1' },
        ]);
        expect(t('| tstats count from datamodel=Intrusion_Detection where index=*')).toEqual([{ count: '3' }]);
    });

    it('offers the CIM fields with the IDS_Attacks. prefix', () => {
        expect(
            t(
                '| tstats count values(IDS_Attacks.signature_id) as sid values(IDS_Attacks.severity) as severity from datamodel=Intrusion_Detection.IDS_Attacks where index=* IDS_Attacks.dest=203.0.113.7 by IDS_Attacks.src IDS_Attacks.dest_port IDS_Attacks.transport IDS_Attacks.category IDS_Attacks.action'
            )
        ).toEqual([
            {
                'IDS_Attacks.src': '10.0.0.5',
                'IDS_Attacks.dest_port': '443',
                'IDS_Attacks.transport': 'tcp',
                'IDS_Attacks.category': 'trojan-activity',
                'IDS_Attacks.action': 'allowed',
                count: '1',
                sid: '2012345',
                severity: 'high',
            },
        ]);
        expect(() => t('| tstats count from datamodel=Intrusion_Detection.IDS_Attacks by IDS_Attacks.url')).toThrow(
            "Error in 'tstats' command: The field 'IDS_Attacks.url' is not available in the data model 'Intrusion_Detection.IDS_Attacks'."
        );
    });

    it('an IDS event is not also network traffic', () => {
        expect(t('| tstats count from datamodel=Network_Traffic where index=* by sourcetype')).toEqual([
            { sourcetype: 'av', count: '1' },
            { sourcetype: 'pan:traffic', count: '1' },
        ]);
    });
});

describe('tstats by _time span=<timespan>', () => {
    const hour = 3600;
    const base = Math.floor(TEST_NOW / 86400) * 86400; // 2026-11-28T00:00:00Z
    const store = storeOf(
        event('q1', { _time: base + 10 * hour + 5, index: 'dns', sourcetype: 'dns', host: 'a', query: 'evil.example' }),
        event('q2', {
            _time: base + 10 * hour + 1799,
            index: 'dns',
            sourcetype: 'dns',
            host: 'b',
            query: 'evil.example',
        }),
        event('q3', {
            _time: base + 10 * hour + 1800,
            index: 'dns',
            sourcetype: 'dns',
            host: 'a',
            query: 'evil.example',
        }),
        event('q4', {
            _time: base + 9 * hour + 59 * 60,
            index: 'dns',
            sourcetype: 'dns',
            host: 'a',
            query: 'good.example',
        }),
        event('q5', { _time: base - 1, index: 'dns', sourcetype: 'dns', host: 'a', query: 'evil.example' })
    );
    const t = (spl: string): Record<string, string | string[]>[] =>
        runSearch(store, spl, { now: TEST_NOW, earliestTime: '0' }).results;
    const iso = (epoch: number): string => new Date(epoch * 1000).toISOString().replace('Z', '+00:00');

    it('groups _time into bins aligned to multiples of the span since the epoch (UTC)', () => {
        expect(t('| tstats count where index=dns by _time span=1h')).toEqual([
            { _time: iso(base - hour), count: '1' },
            { _time: iso(base + 9 * hour), count: '1' },
            { _time: iso(base + 10 * hour), count: '3' },
        ]);
        expect(t('| tstats count where index=dns by _time span=30m')).toEqual([
            { _time: iso(base - 1800), count: '1' },
            { _time: iso(base + 9 * hour + 1800), count: '1' },
            { _time: iso(base + 10 * hour), count: '2' },
            { _time: iso(base + 10 * hour + 1800), count: '1' },
        ]);
        expect(t('| tstats count where index=dns by _time span=1d')).toEqual([
            { _time: iso(base - 86400), count: '1' },
            { _time: iso(base), count: '4' },
        ]);
        expect(t('| tstats count where index=dns by _time span=7200')).toEqual(
            t('| tstats count where index=dns by _time span=2h')
        );
        expect(t('| tstats count where index=dns by _time span="2hours"')).toEqual(
            t('| tstats count where index=dns by _time span=120min')
        );
    });

    it('takes the span anywhere after the by fields and groups by the other fields too', () => {
        expect(t('| tstats count where index=dns by host _time span=1h')).toEqual([
            { host: 'a', _time: iso(base - hour), count: '1' },
            { host: 'a', _time: iso(base + 9 * hour), count: '1' },
            { host: 'a', _time: iso(base + 10 * hour), count: '2' },
            { host: 'b', _time: iso(base + 10 * hour), count: '1' },
        ]);
        expect(t('| tstats count where index=dns groupby _time span=1d host')).toHaveLength(3);
    });

    it("keeps each bin's start in epoch seconds for later commands: the app's CIM aggregate", () => {
        const spl =
            '| tstats count from datamodel=Network_Resolution.DNS where index=* by _time index sourcetype DNS.query span=1h' +
            ' | where match(\'DNS.query\', "(?i)(?<![0-9a-z_-])evil\\.example(?![0-9a-z_-])")' +
            ' | stats sum(count) as count by _time index sourcetype | eval bucket=_time, datamodel="Network_Resolution"';
        expect(t(spl)).toEqual([
            {
                _time: iso(base - hour),
                index: 'dns',
                sourcetype: 'dns',
                count: '1',
                bucket: String(base - hour),
                datamodel: 'Network_Resolution',
            },
            {
                _time: iso(base + 10 * hour),
                index: 'dns',
                sourcetype: 'dns',
                count: '3',
                bucket: String(base + 10 * hour),
                datamodel: 'Network_Resolution',
            },
        ]);
    });

    it('aggregations still read the events, not the bins', () => {
        expect(t('| tstats count earliest(host) latest(host) where index=dns by _time span=1d')[1]).toEqual({
            _time: iso(base),
            count: '4',
            'earliest(host)': 'a',
            'latest(host)': 'a',
        });
    });

    it.each([
        [
            'by host span=1h',
            "Error in 'tstats' command: The argument 'span' is supported only with '_time' in the by clause.",
        ],
        [
            'by _time',
            "Error in 'tstats' command: Grouping by '_time' without 'span' is not supported (Splunk chooses the span itself); give the span, such as span=1h.",
        ],
        [
            'by _time span=1mon',
            "Error in 'tstats' command: The span '1mon' is not supported; use seconds, minutes, hours or days, such as span=1h.",
        ],
        [
            'by _time span=1w',
            "Error in 'tstats' command: The span '1w' is not supported; use seconds, minutes, hours or days, such as span=1h.",
        ],
        [
            'by _time span=100ms',
            "Error in 'tstats' command: The span '100ms' is not supported; use seconds, minutes, hours or days, such as span=1h.",
        ],
        [
            'by _time span=auto',
            "Error in 'tstats' command: The span 'auto' is not supported; give the span, such as span=1h.",
        ],
        ['by _time span=0', "Error in 'tstats' command: The value for option span (0) is invalid."],
        ['by _time span=1x', "Error in 'tstats' command: The value for option span (1x) is invalid."],
        ['by _time span=h', "Error in 'tstats' command: The value for option span (h) is invalid."],
        [
            'by _time span=1h span=2h',
            "Error in 'tstats' command: Option 'span' should not be specified more than once.",
        ],
    ])('| tstats count where index=dns %s fails', (by, message) => {
        expect(() => t(`| tstats count where index=dns ${by}`)).toThrow(message);
    });

    it('refuses an aggregation of _time next to a binned _time', () => {
        expect(() => t('| tstats min(_time) as first where index=dns by _time span=1h')).toThrow(
            "Error in 'tstats' command: Aggregating '_time' (first) while grouping by '_time' with 'span' is not supported."
        );
    });
});
