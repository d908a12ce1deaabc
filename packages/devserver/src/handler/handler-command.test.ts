import type { PersistentHandlerError } from './persistent-handler-error';
import { resolveHandlerCommand, substituteEnvironment, type HandlerCommandContext } from './handler-command';

const context: HandlerCommandContext = {
    env: { SPLUNK_HOME: '/sh', APP: 'passivetotal' },
    appRoot: '/sh/etc/apps/passivetotal',
    installedAppRoot: '/sh/etc/apps/passivetotal',
};

describe('substituteEnvironment', () => {
    it('replaces $NAME and ${NAME} and leaves unknown names', () => {
        expect(substituteEnvironment('$SPLUNK_HOME/x/${APP}/$NOPE', context.env)).toBe('/sh/x/passivetotal/$NOPE');
    });
});

describe('resolveHandlerCommand', () => {
    it('puts a relative script under the app bin/ and orders script.arg.N numerically', () => {
        const command = resolveHandlerCommand(
            {
                name: 'script:pt',
                conf: {
                    script: 'handler.py',
                    'script.arg.10': 'ten',
                    'script.arg.2': '$APP',
                    'script.param': 'p=${SPLUNK_HOME}',
                    handler: 'handler.Handler',
                },
            },
            context
        );
        expect(command).toEqual({
            argv: ['/sh/etc/apps/passivetotal/bin/handler.py', 'passivetotal', 'ten'],
            commandArg: 'p=/sh',
        });
    });

    it('resolves $SPLUNK_HOME paths, mapping the installed app folder onto the app root', () => {
        const conf = { script: '$SPLUNK_HOME/etc/apps/passivetotal/bin/h.py' };
        expect(resolveHandlerCommand({ name: 's', conf }, context).argv[0]).toBe('/sh/etc/apps/passivetotal/bin/h.py');
        const unlinked = { ...context, appRoot: '/opt/stage' };
        expect(resolveHandlerCommand({ name: 's', conf }, unlinked).argv[0]).toBe('/opt/stage/bin/h.py');
        expect(resolveHandlerCommand({ name: 's', conf: { script: '/elsewhere/h.py' } }, unlinked).argv[0]).toBe(
            '/elsewhere/h.py'
        );
    });

    it('refuses a stanza without a script', () => {
        expect(() => resolveHandlerCommand({ name: 'script:none', conf: { match: '/x' } }, context)).toThrow(
            expect.objectContaining({
                kind: 'config',
                message: 'restmap.conf [script:none] has no "script" to run',
            }) as PersistentHandlerError
        );
    });
});
