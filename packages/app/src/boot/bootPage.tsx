import type { ReactElement } from 'react';
import layout from '@splunk/react-page/18';
import SplunkThemeProvider from '@splunk/themes/SplunkThemeProvider';
import { getThemeOptions, getUserTheme } from '@splunk/splunk-utils/themes';
import { themeFromOptions, type PageTheme } from './theme';

/**
 * Renders a page of the app inside Splunk Web's layout with the user's Splunk theme
 * (Settings > User preferences > Theme), read through Splunk's theme API when Splunk Web offers it.
 */
export async function bootPage(pageTitle: string, render: (theme: PageTheme) => ReactElement): Promise<void> {
    let themeName = 'enterprise';
    try {
        themeName = await getUserTheme();
    } catch {
        // Splunk Web without the theme API: the light enterprise theme.
    }
    const theme = themeFromOptions(getThemeOptions(themeName));
    layout(<SplunkThemeProvider {...theme}>{render(theme)}</SplunkThemeProvider>, {
        pageTitle: `${pageTitle} | PassiveTotal for Splunk`,
        theme: theme.colorScheme,
        hideFooter: true,
    });
}
