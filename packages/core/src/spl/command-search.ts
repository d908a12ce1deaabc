/**
 * The app's search commands as searches an analyst can open in Splunk Search: the command a tab of the
 * investigation corresponds to, asked about the value the tab asks about (a URL's host, since intelligence is kept
 * per host), as `| ptpdns query="evil.example"`. Values are quoted by the compiler's rule, so any indicator text
 * stays one argument.
 */
import type { Indicator } from '../indicators/indicator';
import { quotedArgument } from './compiler';

/** The app's generating search commands that answer for one indicator. */
export type IndicatorCommand = 'ptenrich' | 'ptpdns' | 'ptupdns' | 'ptwhois' | 'ptssl' | 'pttrackers';

/**
 * The search that runs a command for an indicator.
 *
 * @example commandSearch('ptpdns', parsed('hxxps://evil[.]example/login')) // '| ptpdns query="evil.example"'
 */
export function commandSearch(command: IndicatorCommand, indicator: Indicator): string {
    return `| ${command} query=${quotedArgument(indicator.intelQuery)}`;
}
