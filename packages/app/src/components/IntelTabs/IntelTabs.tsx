import { useId, useState, type ReactNode } from 'react';
import styled from 'styled-components';
import Button from '@splunk/react-ui/Button';
import TabBar from '@splunk/react-ui/TabBar';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { variables } from '@splunk/themes';
import { testIds } from '../../selectors';
import type { RemoteState } from '../PanelStatus/remote';

/** The tabs of an investigation, in order. */
export const TAB_IDS = ['summary', 'resolutions', 'whois', 'certificates', 'host-attributes', 'internal'] as const;
export type TabId = (typeof TAB_IDS)[number];

const TABS: Readonly<Record<TabId, { label: string; testId: string }>> = {
    summary: { label: 'Summary', testId: testIds.tabSummary },
    resolutions: { label: 'Resolutions', testId: testIds.tabResolutions },
    whois: { label: 'WHOIS', testId: testIds.tabWhois },
    certificates: { label: 'Certificates', testId: testIds.tabCertificates },
    'host-attributes': { label: 'Host attributes', testId: testIds.tabHostAttributes },
    internal: { label: 'Internal hits', testId: testIds.tabInternal },
};

/** What a tab label shows: its state and, once known, its record count. */
export interface TabStatus {
    readonly state: RemoteState;
    readonly count?: number | undefined;
    /** How many providers failed while others answered (their messages are in the tab). */
    readonly problems?: number | undefined;
}

const Count = styled.span<{ $error?: boolean }>`
    display: inline-block;
    margin-left: ${variables.spacingXSmall};
    padding: 0 ${variables.spacingXSmall};
    border-radius: ${variables.borderRadius};
    background-color: ${variables.backgroundColorSection};
    color: ${(p) => (p.$error ? variables.contentColorNegative : variables.contentColorMuted)};
    font-size: ${variables.fontSizeSmall};
`;

const Panel = styled.div`
    padding: ${variables.spacingMedium} 0;
`;

const PanelTools = styled.div`
    display: flex;
    justify-content: flex-end;
    margin-bottom: ${variables.spacingSmall};
`;

function TabLabel({ id, status }: { readonly id: TabId; readonly status: TabStatus }) {
    const { label } = TABS[id];
    let badge: ReactNode = null;
    if (status.state === 'loading') {
        badge = (
            <Count>
                <WaitSpinner screenReaderText="loading" />
            </Count>
        );
    } else if (status.state === 'error' && status.count === undefined) {
        badge = <Count $error>failed</Count>;
    } else if (status.count !== undefined) {
        badge = (
            <Count
                {...(id === 'internal'
                    ? { 'data-test': testIds.internalHitsCount, 'data-count': String(status.count) }
                    : {})}
            >
                {status.count.toLocaleString('en-US')}
            </Count>
        );
    }
    const problems = status.problems ?? 0;
    return (
        <>
            {label}
            {badge}
            {problems > 0 ? (
                <Count $error title={`${String(problems)} ${problems === 1 ? 'source' : 'sources'} failed`}>
                    {`${String(problems)} failed`}
                </Count>
            ) : null}
        </>
    );
}

export interface IntelTabsProps {
    /** The open tab. Uncontrolled (starting on Summary) when not given. */
    readonly activeTab?: TabId;
    readonly onTabChange?: (tab: TabId) => void;
    /** The tab an uncontrolled bar opens on (a link to a search shown in a tab opens that tab); Summary by default. */
    readonly initialTab?: TabId;
    /** State and count of each tab, for its label. */
    readonly status: Readonly<Record<TabId, TabStatus>>;
    /** The body of each tab. A tab's body is mounted when first opened and then kept, with its sort and filter. */
    readonly panels: Readonly<Record<TabId, ReactNode>>;
    /**
     * "Open in Search" of a tab: Splunk Search with the app's search command that gives the tab's records
     * (`| ptpdns query="evil.example"`), so an investigation can become a saved search.
     */
    readonly searchHrefs?: Partial<Readonly<Record<TabId, string>>>;
    /** The body of the Graph tab, after the six (the investigation as a graph); no Graph tab when not given. */
    readonly graph?: ReactNode;
}

/** The Graph tab's id, beside the six of {@link TAB_IDS}. */
const GRAPH_TAB = 'graph';
type ShownTab = TabId | typeof GRAPH_TAB;

function isTabId(value: string | undefined): value is TabId {
    return (TAB_IDS as readonly string[]).includes(value ?? '');
}

/**
 * The six tabs of an investigation, and the Graph tab when given. Every label shows its own progress, failure or record count (the internal
 * one as `internal-hits-count`); one tab loading or failing never blanks another. Arrow keys move between tabs.
 */
export function IntelTabs({
    activeTab,
    onTabChange,
    initialTab = 'summary',
    status,
    panels,
    searchHrefs = {},
    graph,
}: IntelTabsProps) {
    const baseId = useId();
    const [ownTab, setOwnTab] = useState<ShownTab>(initialTab);
    const current: ShownTab = activeTab ?? ownTab;
    const [visited, setVisited] = useState<ReadonlySet<ShownTab>>(() => new Set([current]));
    if (!visited.has(current)) setVisited(new Set([...visited, current]));

    return (
        <div>
            <TabBar
                activeTabId={current}
                onChange={(_event, { selectedTabId }) => {
                    if (selectedTabId === GRAPH_TAB && graph !== undefined) setOwnTab(GRAPH_TAB);
                    if (!isTabId(selectedTabId)) return;
                    setOwnTab(selectedTabId);
                    onTabChange?.(selectedTabId);
                }}
            >
                {TAB_IDS.map((id) => (
                    <TabBar.Tab
                        key={id}
                        tabId={id}
                        id={`${baseId}-tab-${id}`}
                        ariaControls={`${baseId}-panel-${id}`}
                        data-test={TABS[id].testId}
                        label={<TabLabel id={id} status={status[id]} />}
                    />
                ))}
                {graph === undefined ? null : (
                    <TabBar.Tab
                        tabId={GRAPH_TAB}
                        id={`${baseId}-tab-${GRAPH_TAB}`}
                        ariaControls={`${baseId}-panel-${GRAPH_TAB}`}
                        data-test={testIds.tabGraph}
                        label="Graph"
                    />
                )}
            </TabBar>
            {TAB_IDS.filter((id) => visited.has(id)).map((id) => (
                <Panel
                    key={id}
                    role="tabpanel"
                    id={`${baseId}-panel-${id}`}
                    aria-labelledby={`${baseId}-tab-${id}`}
                    hidden={id !== current}
                >
                    {searchHrefs[id] ? (
                        <PanelTools>
                            <Button
                                to={searchHrefs[id]}
                                openInNewContext
                                appearance="subtle"
                                label="Open in Search"
                                data-test={testIds.tabSearch}
                                data-tab={id}
                            />
                        </PanelTools>
                    ) : null}
                    {panels[id]}
                </Panel>
            ))}
            {graph !== undefined && visited.has(GRAPH_TAB) ? (
                <Panel
                    role="tabpanel"
                    id={`${baseId}-panel-${GRAPH_TAB}`}
                    aria-labelledby={`${baseId}-tab-${GRAPH_TAB}`}
                    hidden={current !== GRAPH_TAB}
                >
                    {graph}
                </Panel>
            ) : null}
        </div>
    );
}
