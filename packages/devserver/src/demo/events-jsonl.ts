/** Writing demo events as `.jsonl` (one JSON object a line), the stand-in's `--events` format. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DemoEvent } from './demo-event';

/**
 * The `.jsonl` text of events (a trailing newline after the last line).
 *
 * @example demoEventsToJsonl([event]) // '{"src":"10.20.1.27",...,"_time":1795860000,"_raw":"...","index":"proxy",...}\n'
 */
export function demoEventsToJsonl(events: readonly DemoEvent[]): string {
    return events.map((e) => JSON.stringify(e)).join('\n') + (events.length > 0 ? '\n' : '');
}

/**
 * Writes events to a `.jsonl` file, creating its folder.
 *
 * @example await writeDemoEventsJsonl('/tmp/demo/events.jsonl', generateDemoEvents({ now: Date.now() }))
 */
export async function writeDemoEventsJsonl(file: string, events: readonly DemoEvent[]): Promise<void> {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, demoEventsToJsonl(events), 'utf8');
}
