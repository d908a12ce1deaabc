import type { ReactNode } from 'react';
import styled from 'styled-components';
import Heading from '@splunk/react-ui/Heading';
import { variables } from '@splunk/themes';
import { testIds } from '../../selectors';

// The page paints its own theme background, so it reads right in the dark theme whatever the chrome around it.
const Main = styled.main`
    flex: 1 0 auto;
    box-sizing: border-box;
    min-height: 100%;
    padding: ${variables.spacingLarge} ${variables.spacingXXLarge};
    background-color: ${variables.backgroundColorPage};
    color: ${variables.contentColorDefault};
`;

export interface PageShellProps {
    title: string;
    children: ReactNode;
}

/** The frame every page of the app shares: its title and a padded content area. */
export function PageShell({ title, children }: PageShellProps) {
    return (
        <Main>
            <Heading level={1} data-test={testIds.pageTitle}>
                {title}
            </Heading>
            {children}
        </Main>
    );
}
