import { parseCliOptions } from './cli-options';

describe('the stand-in command line', () => {
    it('defaults to what the README promises: ports 8000 and 8089, admin, demo data and demo fixtures', () => {
        expect(parseCliOptions([], {})).toEqual({
            ok: true,
            options: {
                port: 8000,
                splunkdPort: 8089,
                host: '127.0.0.1',
                user: 'admin',
                theme: 'light',
                stage: 'stage',
                login: false,
                events: [],
                ptFixtures: undefined,
                ptUrl: undefined,
                ptLatencyMs: 0,
                unconfigured: false,
                noPassivetotal: false,
                noScheduler: false,
            },
        });
    });

    it('takes ports from PORT and SPLUNKD_PORT, and options over the environment', () => {
        const parsed = parseCliOptions(['--port', '9000'], { PORT: '7000', SPLUNKD_PORT: '9089' });
        expect(parsed.ok && [parsed.options.port, parsed.options.splunkdPort]).toEqual([9000, 9089]);
    });

    it('repeats --events and reads the replay options', () => {
        const parsed = parseCliOptions(
            ['--events', 'a.jsonl', '--events', 'more/', '--pt-fixtures', 'fx', '--pt-latency', '300', '--login'],
            {}
        );
        expect(parsed.ok && parsed.options).toMatchObject({
            events: ['a.jsonl', 'more/'],
            ptFixtures: 'fx',
            ptLatencyMs: 300,
            login: true,
        });
    });

    it('holds the saved-search scheduler only when --no-scheduler is given', () => {
        const parsed = parseCliOptions(['--no-scheduler'], {});
        expect(parsed.ok && parsed.options.noScheduler).toBe(true);
    });

    it('reads --no-passivetotal', () => {
        const parsed = parseCliOptions(['--no-passivetotal', '--pt-fixtures', 'fx'], {});
        expect(parsed.ok && parsed.options).toMatchObject({ noPassivetotal: true, ptFixtures: 'fx' });
    });

    it.each([
        [
            ['--no-passivetotal', '--pt-url', 'https://pt.example/v2'],
            '--no-passivetotal and --pt-url exclude each other',
        ],
        [['--user', 'root'], '--user must be admin, analyst or guest'],
        [['--port', 'http'], '--port must be a port number'],
        [['--pt-latency=-5'], '--pt-latency must be a whole number'],
        [['--pt-url', 'ftp://x'], '--pt-url must be an http(s) URL'],
        [['--pt-url', 'https://pt.example/v2', '--pt-fixtures', 'fx'], 'exclude each other'],
        [['--no-such-option'], "Unknown option '--no-such-option'"],
    ])('refuses %j with a message that says what is wrong', (argv, message) => {
        const parsed = parseCliOptions(argv, {});
        expect(parsed.ok).toBe(false);
        expect(!parsed.ok && parsed.error).toContain(message);
    });
});
