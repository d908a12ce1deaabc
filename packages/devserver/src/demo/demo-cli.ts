/**
 * Writes the demo events to a `.jsonl` file, for `--events` or for large synthetic cases:
 *
 *     npx tsx packages/devserver/src/demo/demo-cli.ts --out /tmp/events.jsonl [--days 3] [--scale 1]
 *         [--seed passivetotal-demo] [--now 2026-11-28T12:00:00Z]
 */
import { parseArgs } from 'node:util';
import { generateDemoEvents } from './demo-events';
import { writeDemoEventsJsonl } from './events-jsonl';

const USAGE =
    'Usage: demo-cli --out FILE [--days N] [--scale X] [--seed S] [--now ISO-8601]\n' +
    "  Writes the demo events (the stand-in's --events format) ending at --now (default: the current time).";

async function main(argv: string[]): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            out: { type: 'string' },
            days: { type: 'string' },
            scale: { type: 'string' },
            seed: { type: 'string' },
            now: { type: 'string' },
            help: { type: 'boolean' },
        },
        strict: true,
    });
    if (values.help === true || values.out === undefined) {
        process.stderr.write(`${USAGE}\n`);
        return values.help === true ? 0 : 2;
    }
    const now = values.now === undefined ? Date.now() : Date.parse(values.now);
    const days = values.days === undefined ? 3 : Number(values.days);
    const scale = values.scale === undefined ? 1 : Number(values.scale);
    if (!Number.isFinite(now) || !Number.isFinite(days) || !Number.isFinite(scale)) {
        process.stderr.write(`--now, --days and --scale must be a date and numbers\n${USAGE}\n`);
        return 2;
    }
    const events = generateDemoEvents({
        now,
        days,
        scale,
        ...(values.seed === undefined ? {} : { seed: values.seed }),
    });
    await writeDemoEventsJsonl(values.out, events);
    process.stdout.write(`${events.length} events written to ${values.out}\n`);
    return 0;
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    }
);
