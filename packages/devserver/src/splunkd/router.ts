/**
 * A small path router for splunkd endpoints. Patterns are written relative to `/services/`:
 * `search/jobs/:sid/control` (`:name` captures one decoded segment) and `configs/:file/*rest`
 * (`*name` captures the remaining segments, possibly none).
 */
import type { RestMethod, RestReply, RestRequest } from './rest-types';

/** Captured path parameters. */
export type RouteParams = Readonly<Record<string, string>>;

/** An endpoint handler. */
export type RouteHandler = (request: RestRequest, params: RouteParams) => RestReply | Promise<RestReply>;

/** How an endpoint treats authentication and output modes. */
export interface RouteOptions {
    /** False for endpoints callable without a session (`auth/login`). Default true. */
    readonly requireAuth?: boolean;
    /** True when the endpoint always answers JSON whatever `output_mode` says (KV store data). */
    readonly jsonAlways?: boolean;
    /** True when the endpoint formats other output modes itself (search results, login). */
    readonly ownOutputModes?: boolean;
}

interface Route {
    readonly methods: readonly RestMethod[];
    readonly segments: readonly string[];
    readonly handler: RouteHandler;
    readonly options: RouteOptions;
}

/** A route that matched a request path. */
export interface RouteMatch {
    readonly params: RouteParams;
    readonly handler: RouteHandler | undefined;
    readonly options: RouteOptions;
    /** Methods the path supports (for the 405-style answer splunkd gives). */
    readonly methods: readonly RestMethod[];
}

/** The table of endpoints. */
export class Router {
    private readonly routes: Route[] = [];

    /** Adds an endpoint. Earlier routes win over later ones for the same path. */
    add(
        methods: RestMethod | readonly RestMethod[],
        pattern: string,
        handler: RouteHandler,
        options: RouteOptions = {}
    ): void {
        this.routes.push({
            methods: typeof methods === 'string' ? [methods] : methods,
            segments: pattern.split('/').filter((s) => s !== ''),
            handler,
            options,
        });
    }

    /** The route for a method and decoded path segments; `handler` undefined when only other methods match. */
    match(method: RestMethod, segments: readonly string[]): RouteMatch | undefined {
        let pathMatch: RouteMatch | undefined;
        const methods: RestMethod[] = [];
        for (const route of this.routes) {
            const params = matchSegments(route.segments, segments);
            if (!params) continue;
            if (route.methods.includes(method))
                return { params, handler: route.handler, options: route.options, methods: route.methods };
            methods.push(...route.methods);
            pathMatch ??= { params, handler: undefined, options: route.options, methods };
        }
        return pathMatch;
    }
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
        const p = pattern[i] ?? '';
        if (p.startsWith('*')) {
            params[p.slice(1)] = segments.slice(i).join('/');
            return params;
        }
        const s = segments[i];
        if (s === undefined) return undefined;
        if (p.startsWith(':')) params[p.slice(1)] = s;
        else if (p !== s) return undefined;
    }
    return segments.length === pattern.length ? params : undefined;
}
