import type { ReactNode } from 'react';
import styled from 'styled-components';
import Message from '@splunk/react-ui/Message';
import Link from '@splunk/react-ui/Link';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { variables } from '@splunk/themes';
import { testIds } from '../../selectors';
import { formatDateTime } from '../DateTime/DateTime';
import { ProviderProblems } from '../ProviderProblems/ProviderProblems';
import type { PanelAction, Remote } from './remote';

const Status = styled.div`
    display: flex;
    align-items: center;
    gap: ${variables.spacingSmall};
    padding: ${variables.spacingSmall} 0;
    color: ${variables.contentColorMuted};
`;

const AsOf = styled.p`
    margin: 0 0 ${variables.spacingSmall};
    font-size: ${variables.fontSizeSmall};
    color: ${variables.contentColorMuted};
`;

export interface PanelStatusProps<T> {
    readonly remote: Remote<T>;
    /** What the data is, for the messages: "passive DNS records", "WHOIS". */
    readonly what: string;
    /** True when the answer has nothing to show. */
    readonly isEmpty?: (value: T) => boolean;
    /** Text for an empty answer; defaults to "No <what> found." */
    readonly emptyText?: string;
    /** Renders the answer. */
    readonly children: (value: T) => ReactNode;
}

/**
 * One section's loading, error, empty and "as of" states around its content, so every section of a tab settles
 * on its own and one failure never blanks the others. Providers that failed while others answered are listed
 * above the content; a section nothing can fill says which provider would.
 */
export function PanelStatus<T>({ remote, what, isEmpty, emptyText, children }: PanelStatusProps<T>) {
    switch (remote.state) {
        case 'idle':
            return null;
        case 'loading':
            return (
                <Status role="status">
                    <WaitSpinner screenReaderText={null} />
                    Loading {what}…
                </Status>
            );
        case 'unavailable':
            return (
                <Status>
                    <span>
                        {remote.message}
                        <ActionLink action={remote.action} />
                    </span>
                </Status>
            );
        case 'error':
            return <PanelError message={remote.message} action={remote.action} what={what} />;
        case 'done':
            return (
                <>
                    <ProviderProblems problems={remote.problems} />
                    {remote.cached && remote.fetchedAt !== undefined ? (
                        <AsOf>Cached intelligence as of {formatDateTime(remote.fetchedAt)}</AsOf>
                    ) : null}
                    {isEmpty?.(remote.value) ? (
                        <Status>{emptyText ?? `No ${what} found.`}</Status>
                    ) : (
                        children(remote.value)
                    )}
                </>
            );
    }
}

function ActionLink({ action }: { readonly action?: PanelAction | undefined }) {
    if (!action) return null;
    return (
        <>
            {' '}
            <Link to={action.href}>{action.label}</Link>
        </>
    );
}

export interface PanelErrorProps {
    readonly message: string;
    readonly what?: string;
    readonly action?: PanelAction | undefined;
}

/** An error message of a panel (`panel-error`), with an optional follow-up link. */
export function PanelError({ message, what, action }: PanelErrorProps) {
    return (
        <div data-test={testIds.panelError} role="alert">
            <Message type="error">
                {what === undefined ? message : `Could not load ${what}: ${message}`}
                <ActionLink action={action} />
            </Message>
        </div>
    );
}
