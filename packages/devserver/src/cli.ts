#!/usr/bin/env node
import { parseCliOptions } from './cli-options';
import { startDevserver } from './server';

async function main(): Promise<void> {
    const parsed = parseCliOptions(process.argv.slice(2), process.env);
    if (!parsed.ok) {
        console.error(parsed.error);
        process.exitCode = 2;
        return;
    }
    const server = await startDevserver(parsed.options);
    const { options } = parsed;
    console.log(`PassiveTotal for Splunk stand-in is ready: ${server.url}`);
    console.log(`  splunkd REST:  ${server.splunkdUrl}   (admin, analyst, guest; password changeme)`);
    console.log(
        `  PassiveTotal:  ${server.ptBaseUrl}${server.replay ? '   (replay server)' : ''}${options.noPassivetotal === true ? '   (no credential: --no-passivetotal)' : ''}`
    );
    const origin = server.replay?.origin();
    if (origin !== undefined && Object.keys(server.providerUrls).length > 0) {
        console.log(
            `  Open providers: ${origin}/<provider>/   (replay server; RDAP bootstrap ${origin}/rdap/bootstrap/)`
        );
    }
    if (options.noScheduler)
        console.log('  Scheduler:     held (--no-scheduler): saved searches run only when dispatched.');
    console.log(`  Browser user:  ${options.login ? 'sign in on the login form' : options.user}. Stop with Ctrl+C.`);
    const stop = () => {
        void server.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
});
