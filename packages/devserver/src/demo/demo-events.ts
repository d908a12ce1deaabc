/**
 * The demo's local events: a few days of a small company's logs ending at "now", with the threat story in them.
 * Deterministic: the same `now`, `seed`, `days` and `scale` give the same events, byte for byte.
 */
import { backgroundEvents, type BackgroundPlan } from './background-traffic';
import { workstations } from './company';
import type { DemoEvent } from './demo-event';
import type { Counters } from './egress';
import { createPrng } from './prng';
import { storyEvents } from './story-events';

/** Options of {@link generateDemoEvents}. */
export interface DemoEventOptions {
    /**
     * The end of the window: a `Date`, or epoch milliseconds (`Date.now()`). A number below 1e11 is taken as
     * epoch seconds.
     */
    readonly now: Date | number;
    /** PRNG seed (default `'passivetotal-demo'`). */
    readonly seed?: number | string;
    /** Days of logs before `now` (default 3; at least 1). */
    readonly days?: number;
    /**
     * Volume multiplier for the background (default 1, about 1,300 events a day). Above 1 the company also grows
     * (hosts = 50 × √scale). The story's events are the same at every scale.
     */
    readonly scale?: number;
}

/** Epoch seconds of `now`. */
export function nowSeconds(now: Date | number): number {
    const ms = now instanceof Date ? now.getTime() : now < 1e11 ? now * 1000 : now;
    if (!Number.isFinite(ms)) throw new RangeError('now must be a valid date');
    return Math.floor(ms / 1000);
}

/**
 * Where the story starts: 20 hours before `now` (for windows shorter than 36 hours, 55% of the window before
 * `now`), so the whole story (about 5½ hours) lies inside both "Last 24 hours" and "Last 7 days".
 *
 * @example storyStart(1_800_000_000, 3) // 1_799_928_000
 */
export function storyStart(now: number, days: number): number {
    return now - Math.min(20 * 3600, Math.round(days * 86_400 * 0.55));
}

/**
 * Generates the demo events, oldest first, in the stand-in's `--events` shape.
 *
 * @example
 * const events = generateDemoEvents({ now: Date.now() });
 * events.length // about 4,000 for 3 days at scale 1
 * events.filter((e) => e._raw.includes('203.0.113.77')).length // the story's sightings
 */
export function generateDemoEvents(options: DemoEventOptions): DemoEvent[] {
    const end = nowSeconds(options.now);
    const days = Math.max(1, options.days ?? 3);
    const scale = Math.max(0, options.scale ?? 1);
    const start = end - Math.round(days * 86_400);
    const hosts = workstations(Math.max(50, Math.round(50 * Math.sqrt(Math.max(1, scale)))));
    const root = createPrng(options.seed ?? 'passivetotal-demo');
    const counters: Counters = { session: 2_000_000, sequence: 0 };
    const plan: BackgroundPlan = { start, end, days, scale, hosts };
    const events = [
        ...backgroundEvents({ prng: root.fork('background'), counters }, plan),
        // The story draws from its own fixed seed: the same story for every seed.
        ...storyEvents({ prng: createPrng('passivetotal-demo-story'), counters }, hosts, storyStart(end, days), end),
    ];
    return events
        .filter((e) => e._time >= start && e._time < end)
        .map((e, i) => ({ e, i }))
        .sort((a, b) => a.e._time - b.e._time || a.i - b.i)
        .map(({ e }) => e);
}
