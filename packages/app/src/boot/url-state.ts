/** The `?indicator=` of a location, or '' when there is none. */
export function readIndicatorParam(location: Pick<Location, 'search'>): string {
    return new URLSearchParams(location.search).get('indicator') ?? '';
}

/** Pushes a history entry whose URL carries `?indicator=<value>`, keeping the other parameters. */
export function writeIndicatorParam(
    history: Pick<History, 'pushState'>,
    location: Pick<Location, 'pathname' | 'search' | 'hash'>,
    indicator: string
): void {
    const params = new URLSearchParams(location.search);
    params.set('indicator', indicator);
    history.pushState(null, '', `${location.pathname}?${params.toString()}${location.hash}`);
}
