import { getThemeOptions } from '@splunk/splunk-utils/themes';
import { themeFromOptions } from './theme';

describe('themeFromOptions', () => {
    it("follows the user's dark Splunk theme", () => {
        expect(themeFromOptions(getThemeOptions('dark'))).toEqual({
            family: 'enterprise',
            colorScheme: 'dark',
            density: 'compact',
        });
    });

    it('falls back to the light enterprise theme for anything unknown', () => {
        expect(themeFromOptions(getThemeOptions('no-such-theme')).colorScheme).toBe('light');
        expect(themeFromOptions({ colorScheme: 'purple' }).colorScheme).toBe('light');
    });
});
