import { access } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DevserverOptions } from './cli-options';
import { createSplunkWeb, readAppBuild } from './web/splunk-web';

export const APP_ID = 'passivetotal';

/** A running stand-in. */
export interface RunningDevserver {
    /** The investigate page's URL. */
    url: string;
    webPort: number;
    close: () => Promise<void>;
}

/** Starts the stand-in on the given options; the app must have been built into `options.stage`. */
export async function startDevserver(options: DevserverOptions): Promise<RunningDevserver> {
    const appDir = path.resolve(options.stage);
    try {
        await access(path.join(appDir, 'default/app.conf'));
    } catch {
        throw new Error(`No built app in ${appDir}: run "npm run build" first (npm start does it for you).`);
    }
    const web: FastifyInstance = await createSplunkWeb({
        appDir,
        app: APP_ID,
        port: options.port,
        user: options.user,
        theme: options.theme,
        appBuild: await readAppBuild(appDir),
    });
    await web.listen({ port: options.port, host: options.host });
    const address = web.server.address();
    const webPort = typeof address === 'object' && address ? address.port : options.port;
    return {
        url: `http://${options.host}:${webPort}/en-US/app/${APP_ID}/investigate`,
        webPort,
        close: () => web.close(),
    };
}
