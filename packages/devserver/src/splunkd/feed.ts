/** splunkd's JSON feed envelope (`output_mode=json` of an Atom feed) and its entries. */

/** Generator block of every feed. */
export const GENERATOR = { build: 'b0a8c0d1e2f3', version: '10.4.2' };

/** One feed entry. */
export interface FeedEntry {
    readonly name: string;
    readonly id: string;
    readonly updated: string;
    readonly links: Record<string, string>;
    readonly author: string;
    readonly acl?: Record<string, unknown>;
    readonly content: Record<string, unknown>;
    readonly published?: string;
}

/** A feed: `{links, origin, updated, generator, entry, paging, messages}`. */
export interface Feed {
    readonly links: Record<string, string>;
    readonly origin: string;
    readonly updated: string;
    readonly generator: typeof GENERATOR;
    readonly entry: FeedEntry[];
    readonly paging: { total: number; perPage: number; offset: number };
    readonly messages: never[];
}

/** ISO time with splunkd's offset form, e.g. `2026-11-28T10:15:30+00:00`. */
export function isoSeconds(epochMs: number): string {
    return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

/** Pages a list with splunkd's `count` (default 30, 0 = all) and `offset`. */
export function page<T>(
    items: readonly T[],
    count: string | undefined,
    offset: string | undefined,
    defaultCount = 30
): { items: T[]; perPage: number; offset: number } {
    const n = count === undefined || count.trim() === '' ? defaultCount : Number(count);
    const o = offset === undefined || offset.trim() === '' ? 0 : Number(offset);
    const start = Number.isFinite(o) && o > 0 ? Math.floor(o) : 0;
    const size = Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
    const sliced = size === 0 ? items.slice(start) : items.slice(start, start + size);
    return { items: sliced, perPage: size, offset: start };
}

/** A feed of the given entries; `total` is the count before paging. */
export function feed(
    origin: string,
    entries: FeedEntry[],
    paging: { total: number; perPage: number; offset: number },
    now: number
): Feed {
    return {
        links: { create: `${new URL(origin).pathname}/_new` },
        origin,
        updated: isoSeconds(now),
        generator: GENERATOR,
        entry: entries,
        paging,
        messages: [],
    };
}

/** An `eai:acl` block. */
export function eaiAcl(options: {
    app: string;
    owner: string;
    sharing: 'app' | 'global' | 'user' | 'system';
    read: readonly string[];
    write: readonly string[];
    canWrite: boolean;
    removable?: boolean;
}): Record<string, unknown> {
    return {
        app: options.app,
        can_change_perms: options.canWrite,
        can_list: true,
        can_share_app: options.canWrite,
        can_share_global: options.canWrite,
        can_share_user: options.canWrite,
        can_write: options.canWrite,
        modifiable: options.canWrite,
        owner: options.owner,
        perms: { read: [...options.read], write: [...options.write] },
        removable: options.removable ?? false,
        sharing: options.sharing,
    };
}
