/**
 * The click-through from the rest of Splunk: the links that the app's workflow actions produce (built from
 * default/workflow_actions.conf as Splunk Web builds them) open the right investigation on the stand-in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { confToObject, parseConf } from '@passivetotal/tooling/conf';
import { expandLink, fieldMenuActions, linkActions, splunkWebPath } from '../src/api/workflow-link';
import { testIds } from '../src/selectors';
import { screenshot, watchErrors } from './browser';
import { useBrowserTests } from './fixture';

const CONF = path.resolve(__dirname, '../../../default/workflow_actions.conf');
const actions = linkActions(confToObject(parseConf(readFileSync(CONF, 'utf8'), 'workflow_actions.conf')));

function workflowLink(field: string, value: string): string {
    const [action] = fieldMenuActions(actions, field);
    if (!action) throw new Error(`No workflow action for the field ${field}.`);
    return splunkWebPath(expandLink(action.uri, { field, value }));
}

describe('workflow actions open the investigation', () => {
    const e2e = useBrowserTests({ user: 'analyst' });

    it.each([
        ['src_ip', '203.0.113.7'],
        ['query', 'account-verify-portal.example'],
        ['url', 'hxxp://account-verify-portal[.]example/login?next=/home&x=1'],
    ])('from the field menu of %s = %s', async (field, value) => {
        const page = await e2e.newPage();
        const errors = watchErrors(page);
        await page.goto(`${e2e.server.webUrl}${workflowLink(field, value)}`);
        const input = page.locator(`[data-test="${testIds.indicatorInput}"] input`);
        await input.waitFor();
        expect(await input.inputValue()).toBe(value);
        expect(new URL(page.url()).searchParams.get('indicator')).toBe(value);
        await screenshot(page, `click-through-${field}`);
        expect(errors).toEqual([]);
    });
});
