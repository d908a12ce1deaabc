import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Test support: small app trees and spec folders written to temporary directories, so that every vetting
 * rule can be shown to fire on a crafted bad tree and to stay quiet on a clean one.
 */

/** File contents by app-relative path. */
export type FileMap = Record<string, string>;

/** Writes `files` under `root` with modes 0755 (folders) and 0644 (files). */
export function writeTree(root: string, files: FileMap): void {
    for (const [path, text] of Object.entries(files)) {
        const target = join(root, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, text);
        chmodSync(target, 0o644);
    }
}

/** A new empty temporary directory. */
export function tempDir(prefix = 'passivetotal-test-'): string {
    return mkdtempSync(join(tmpdir(), prefix));
}

/** A clean app, as the build puts it into `stage/`: every rule passes on it. */
export function cleanAppFiles(): FileMap {
    return {
        'default/app.conf': [
            '[id]',
            'name = passivetotal',
            'version = 2.0.0',
            '',
            '[launcher]',
            'author = someone',
            'description = Investigate indicators',
            'version = 2.0.0',
            '',
            '[package]',
            'id = passivetotal',
            'check_for_updates = false',
            '',
            '[install]',
            'is_configured = false',
            'build = 3',
            '',
            '[ui]',
            'is_visible = true',
            'label = PassiveTotal for Splunk',
            'setup_view = setup',
            '',
            '[triggers]',
            'reload.passivetotal = simple',
            '',
        ].join('\n'),
        'default/passivetotal.conf':
            '[api]\nbase_url = https://api.passivetotal.org/v2\napi_key =\n\n[cache]\nttl_seconds.dns = 60\n',
        'default/restmap.conf': [
            '[script:passivetotal]',
            'match = /passivetotal',
            'script = passivetotal_handler.py',
            'scripttype = persist',
            'handler = passivetotal_handler.Handler',
            'python.version = python3',
            'python.required = 3.9, 3.13',
            '',
        ].join('\n'),
        'default/collections.conf':
            '[passivetotal_cache]\nfield.expires = time\naccelerated_fields.by_key = {"key": 1}\n',
        'default/workflow_actions.conf':
            '[passivetotal_investigate]\nlabel = Investigate $@field_value$\ntype = link\n',
        'default/data/ui/nav/default.xml':
            '<nav search_view="search">\n    <view name="investigate" default="true" />\n    <view name="setup" />\n    <view name="search" />\n</nav>\n',
        'default/data/ui/views/investigate.xml':
            '<?xml version="1.0"?>\n<view template="passivetotal:/templates/investigate.html" type="html" isDashboard="False">\n    <label>Investigate</label>\n</view>\n',
        'default/data/ui/views/setup.xml':
            '<?xml version="1.0"?>\n<view template="passivetotal:/templates/setup.html" type="html" isDashboard="False">\n    <label>Setup</label>\n</view>\n',
        'metadata/default.meta':
            '[]\naccess = read : [ * ], write : [ admin, sc_admin ]\nexport = none\n\n[workflow_actions]\nexport = system\n',
        'appserver/templates/investigate.html': '<html></html>\n',
        'appserver/templates/setup.html': '<html></html>\n',
        'appserver/static/pages/investigate.js': 'var g=Function("return this")();console.info(g);\n',
        'appserver/static/pages/investigate.js.LICENSE.txt': '/*! MIT licensed */\n',
        'appserver/static/pages/setup.js': 'console.info(1);\n',
        'bin/passivetotal_handler.py':
            'API = "https://api.passivetotal.org/v2"\nLOCAL = "http://127.0.0.1:8999/v2"\n# eval( in a comment is fine\n',
        'README/passivetotal.conf.spec':
            '# passivetotal.conf\n\n[api]\nbase_url = <string>\n* The API.\napi_key = <string>\n\n[cache]\nttl_seconds.<dataset> = <integer>\n',
        'static/appIcon.png': 'not really a png',
    };
}

/** Small stand-ins for Splunk's specs, in Splunk's notation, for the unit tests. */
export function fixtureSpecFiles(): FileMap {
    return {
        'app.conf.spec': [
            '#   Version 10.4.2',
            '[author=<name>]',
            'email = <email-address>',
            '',
            '[id]',
            'name = <app-name>',
            'version = <version-number>',
            '',
            '[launcher]',
            'version = <string>',
            'description = <string>',
            'author = <string>',
            '',
            '[package]',
            'id = <string>',
            'check_for_updates = <boolean>',
            '',
            '[install]',
            'is_configured = <boolean>',
            'build = <integer>',
            'python.required = <comma-separated list>',
            '',
            '[triggers]',
            'reload.<conf_file_name> = [ simple | never ]',
            '* Prose that mentions key = value in a documentation line.',
            '',
            '[ui]',
            'is_visible = <boolean>',
            'label = <string>',
            'setup_view = <string>',
            '',
        ].join('\n'),
        'restmap.conf.spec': [
            '[global]',
            'allowGetAuth = <boolean>',
            '',
            '[script:<uniqueName>]',
            'match = <path>',
            'script = <path to a script executable>',
            'scripttype = python',
            'handler = <SCRIPT>.<CLASSNAME>',
            'driver = <path>',
            'python.version={default|python|python2|python3}',
            'python.required = <comma-separated list>',
            '',
            '[admin_external:<uniqueName>]',
            'handlertype = <script type>',
            'handlerfile = <unique filename>',
            'python.required = <comma-separated list>',
            '',
        ].join('\n'),
        'collections.conf.spec':
            '[<collection-name>]\nenforceTypes = true|false\nfield.<name> = number|bool|string|time\naccelerated_fields.<name> = <json>\n',
        'workflow_actions.conf.spec': [
            '# GLOBAL SETTINGS',
            'type = <string>',
            'label = <string>',
            'link.uri = <string>',
            'link.postargs.<int>.<key/value> = <value>',
            '',
            '[<workflow_action_name>]',
            '',
        ].join('\n'),
        'web.conf.spec':
            '[settings]\nhttpport = <port>\n\n[expose:<unique_name>]\npattern = <url pattern>\nmethods = <method lists>\n',
        'inputs.conf.spec': '[script://<cmd>]\ninterval = <number>\npython.required = <comma-separated list>\n',
        'default.meta.spec': '[]\naccess = read : [ * ]\n',
    };
}
