/**
 * The demo data: the generated local events of a small company with the threat story in them, and the story's
 * indicators (which the PassiveTotal demo fixtures in `packages/devserver/demo/pt-fixtures/` describe).
 */
import path from 'node:path';

export { generateDemoEvents, nowSeconds, storyStart, type DemoEventOptions } from './demo-events';
export { demoEventsToJsonl, writeDemoEventsJsonl } from './events-jsonl';
export { DEMO_INDEXES, DEMO_STORY } from './demo-story';
export { demoHistory } from './demo-history';
export type { DemoEvent, DemoFieldValue } from './demo-event';
export { workstations, SITES, INFRA, type Workstation, type Site } from './company';
export { STORY_CAST, STORY_OFFSETS } from './story-events';
export { NEAR_MISSES } from './background-traffic';
export { debugLogName } from './dns-log';
export { createPrng, type Prng } from './prng';
export { LARGE_CASE, writeLargeCase, type LargeCase, type LargeCaseOptions } from './large-case';

/** The demo's PassiveTotal replay folder (the stand-in's default `--pt-fixtures`). */
export const DEMO_PT_FIXTURES_DIR = path.resolve(__dirname, '../../demo/pt-fixtures');

/** The error-case replay folder (per-query envelopes: 401, 402, 403, 429, 500, slow, invalid JSON, partial). */
export const DEMO_PT_ERROR_FIXTURES_DIR = path.resolve(__dirname, '../../demo/pt-fixtures-errors');
