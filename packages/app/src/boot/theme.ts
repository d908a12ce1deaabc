/** The SplunkThemeProvider props of a Splunk theme. */
export interface PageTheme {
    family: 'enterprise' | 'prisma';
    colorScheme: 'light' | 'dark';
    density: 'compact' | 'comfortable';
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
    return allowed.find((candidate) => candidate === value) ?? fallback;
}

/** Narrows the untyped object of `getThemeOptions()` to the provider's props, defaulting to light enterprise. */
export function themeFromOptions(options: object): PageTheme {
    const record = options as Record<string, unknown>;
    return {
        family: pick(record.family, ['enterprise', 'prisma'], 'enterprise'),
        colorScheme: pick(record.colorScheme, ['light', 'dark'], 'light'),
        density: pick(record.density, ['compact', 'comfortable'], 'compact'),
    };
}
