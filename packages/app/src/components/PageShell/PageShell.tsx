import type { ReactNode } from 'react';
import styled from 'styled-components';
import Heading from '@splunk/react-ui/Heading';
import { variables } from '@splunk/themes';
import { testIds } from '../../selectors';

const Main = styled.main`
    padding: ${variables.spacingLarge} ${variables.spacingXXLarge};
    max-width: 1600px;
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
