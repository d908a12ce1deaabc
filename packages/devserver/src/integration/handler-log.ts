/**
 * Test support: where the app's handler, run by the stand-in's persistent-handler driver, writes its log
 * (`$SPLUNK_HOME/var/log/splunk/passivetotal.log`, README "Credentials, cache and log").
 */
import path from 'node:path';
import type { RunningDevserver } from '../server';

/** The handler's log file in the stand-in's handler `SPLUNK_HOME`. */
export function handlerLogFile(server: RunningDevserver): string {
    return path.join(server.handlerSplunkHome, 'var', 'log', 'splunk', 'passivetotal.log');
}
