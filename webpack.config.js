// Builds every page of packages/app/src/pages into stage/appserver/static/pages/<page>.js and copies the
// Splunk app source (default/, metadata/, appserver/, bin/, static/, README/) into stage/, so that stage/
// is the complete app directory. See README.md, "Architecture".
const fs = require('fs');
const path = require('path');
const { merge } = require('webpack-merge');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const baseConfig = require('@splunk/webpack-configs/base.config').default;

const DEBUG = process.env.NODE_ENV !== 'production';
const pagesDir = path.join(__dirname, 'packages/app/src/pages');
const stageDir = path.join(__dirname, 'stage');
const appSourceDirs = ['default', 'metadata', 'appserver', 'bin', 'static', 'README'];

const entry = Object.fromEntries(
    fs
        .readdirSync(pagesDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
        .map((d) => [d.name, path.join(pagesDir, d.name, 'index.tsx')])
);

const appConfig = merge(baseConfig, {
    name: 'app',
    entry,
    output: {
        path: path.join(stageDir, 'appserver/static/pages'),
        // The Mako templates load a fixed path; cache busting comes from Splunk's static URL (app build).
        filename: '[name].js',
        chunkFilename: 'chunks/[name].[contenthash:8].js',
        clean: true,
    },
    // Production bundles carry no eval() source maps (AppInspect flags eval in JavaScript).
    devtool: DEBUG ? 'eval-source-map' : false,
    performance: { hints: false },
    optimization: {
        // webpack >= 5.110 also minifies the CSS and HTML assets it emits. The copied Mako templates
        // (appserver/templates/*.html) are not browser HTML and must reach stage/ byte for byte.
        minimizeOptions: { css: false, html: false },
    },
    plugins: [
        new CopyWebpackPlugin({
            patterns: appSourceDirs
                .filter((dir) => fs.existsSync(path.join(__dirname, dir)))
                .map((dir) => ({
                    from: dir,
                    to: path.join(stageDir, dir),
                    globOptions: { dot: false, ignore: ['**/__pycache__/**', '**/*.pyc', '**/.*'] },
                })),
        }),
    ],
});

// The stand-in's Dashboard Studio page (packages/devserver/src/web/dashboard-studio): Splunk's own Dashboard Studio
// packages, which Splunk Web brings along in a real Splunk, built into a bundle of the stand-in's, never into stage/.
const standInDashboardConfig = merge(baseConfig, {
    name: 'standin-dashboard',
    entry: { dashboard: path.join(__dirname, 'packages/devserver/src/web/dashboard-studio/studio-page.tsx') },
    output: {
        path: path.join(__dirname, 'packages/devserver/dist/dashboard-studio'),
        filename: '[name].js',
        chunkFilename: '[name].[contenthash:8].js',
        publicPath: 'auto',
        clean: true,
    },
    devtool: false,
    performance: { hints: false },
    optimization: { minimizeOptions: { css: false, html: false } },
    // Big and rarely changed: kept in webpack's cache (node_modules/.cache/webpack) so rebuilds take seconds.
    cache: {
        type: 'filesystem',
        name: 'standin-dashboard',
        buildDependencies: { config: [path.join(__dirname, 'webpack.config.js')] },
    },
});

module.exports = [appConfig, standInDashboardConfig];
