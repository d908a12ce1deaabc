/**
 * The sightings of the investigation on the page, for the pin toggles: a pin keeps how often its value occurred in
 * local events when it was pinned. Written by the investigation page on every render.
 */
import { NO_SIGHTINGS, type SightingsState } from '../SightingBadge/sightings';

export const sightingsOfPage: { current: SightingsState } = { current: NO_SIGHTINGS };
