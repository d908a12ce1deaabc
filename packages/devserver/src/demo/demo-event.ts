/**
 * The event objects the demo generator produces: the stand-in's `--events` shape (one JSON object a line), with
 * CIM field names for the extracted fields.
 */

/** An extracted field value: text, a number, or a multivalue list. */
export type DemoFieldValue = string | number | readonly string[];

/** One demo event. */
export interface DemoEvent {
    /** Epoch seconds (a fraction where the log has sub-second times). */
    readonly _time: number;
    readonly _raw: string;
    readonly index: string;
    readonly sourcetype: string;
    readonly host: string;
    readonly source: string;
    /** Extracted fields (CIM names: `src`, `dest`, `url`, `query`, `answer`, `recipient`, `ssl_hash` ...). */
    readonly [field: string]: DemoFieldValue;
}

/** Extracted fields, without the metadata. */
export type DemoFields = Readonly<Record<string, DemoFieldValue | undefined>>;

/**
 * Builds an event, dropping undefined fields.
 *
 * @example demoEvent(1795860000, 'raw text', { index: 'proxy', sourcetype: 's', host: 'h', source: 'f' }, { src: '10.0.0.1' })
 */
export function demoEvent(
    time: number,
    raw: string,
    meta: { readonly index: string; readonly sourcetype: string; readonly host: string; readonly source: string },
    fields: DemoFields
): DemoEvent {
    const event: Record<string, DemoFieldValue> = { _time: time, _raw: raw, ...meta };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined && !(k in event)) event[k] = v;
    return event as DemoEvent;
}
