// Babel strips TypeScript types for webpack and jest; type checking is `npm run typecheck` (tsc --noEmit).
module.exports = (api) => {
    const isTest = api.env('test');
    return {
        presets: [
            [
                '@splunk/babel-preset',
                {
                    reactPresetOptions: { runtime: 'automatic' },
                    envPresetOptions: isTest ? { targets: { node: 'current' } } : { bugfixes: true },
                },
            ],
        ],
        babelrcRoots: ['./packages/*'],
    };
};
