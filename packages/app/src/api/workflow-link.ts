/**
 * The deep link into an investigation, and what Splunk Web makes of the app's workflow actions
 * (default/workflow_actions.conf): which action a field menu offers for a field, and the link it opens. Used to
 * test the click-through exactly as a user meets it; README.md, "Click-through".
 */

/** The app-relative link that opens the investigation of `indicator` (as typed, defanged or not). */
export function investigateLink(indicator: string): string {
    return `/app/passivetotal/investigate?indicator=${encodeURIComponent(indicator)}`;
}

/** The Splunk Web URL of an app-relative link: Splunk Web puts its root and locale in front of `/app/…`. */
export function splunkWebPath(link: string, locale = 'en-US', rootPath = ''): string {
    return link.startsWith('/app/') ? `${rootPath}/${locale}${link}` : link;
}

/** One `[stanza]` of workflow_actions.conf of type `link`. */
export interface WorkflowLinkAction {
    readonly name: string;
    readonly label: string;
    /** `fields`, split; `*` globs. */
    readonly fields: readonly string[];
    readonly displayLocation: 'field_menu' | 'event_menu' | 'both';
    readonly uri: string;
    readonly target: 'blank' | 'self';
}

/** The link actions of a parsed workflow_actions.conf (`{stanza: {key: value}}`), disabled ones left out. */
export function linkActions(stanzas: Readonly<Record<string, Readonly<Record<string, string>>>>): WorkflowLinkAction[] {
    return Object.entries(stanzas)
        .filter(
            ([name, keys]) => name !== 'default' && keys.type === 'link' && !/^(1|true)$/i.test(keys.disabled ?? '')
        )
        .map(([name, keys]) => {
            const location = keys.display_location ?? 'both';
            return {
                name,
                label: keys.label ?? '',
                fields: (keys.fields ?? '*').split(/[\s,]+/).filter((f) => f !== ''),
                displayLocation: location === 'field_menu' || location === 'event_menu' ? location : 'both',
                uri: keys['link.uri'] ?? '',
                target: keys['link.target'] === 'self' ? 'self' : 'blank',
            };
        });
}

/** Whether a `fields` entry matches a field name (`*` matches any run of characters, as Splunk's globber). */
export function fieldMatches(pattern: string, field: string): boolean {
    const regex = new RegExp(
        `^${pattern
            .split('*')
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`
    );
    return regex.test(field);
}

/** The actions a field menu of `field` offers. */
export function fieldMenuActions(actions: readonly WorkflowLinkAction[], field: string): WorkflowLinkAction[] {
    return actions.filter(
        (a) => a.displayLocation !== 'event_menu' && a.fields.some((pattern) => fieldMatches(pattern, field))
    );
}

/**
 * A template with `$@field_name$`, `$@field_value$` and `$<field>$` replaced; every inserted value is URI-encoded
 * (workflow_actions.conf.spec: "All inserted values are URI encoded"). Unknown tokens become empty.
 */
export function expandLink(
    template: string,
    clicked: { readonly field?: string; readonly value?: string },
    event: Readonly<Record<string, string>> = {}
): string {
    return template.replace(/\$(@?[A-Za-z0-9_.]+)\$/g, (_token, name: string) => {
        const value = name === '@field_value' ? clicked.value : name === '@field_name' ? clicked.field : event[name];
        return encodeURIComponent(value ?? '');
    });
}
