// Lint rules for every TypeScript package: typescript-eslint's strict type-checked set, React hooks rules,
// the direction of dependencies (core knows nothing of React, the DOM or Splunk Web), and the packages' boundaries
// (one package uses another only by its name and what its package.json `exports` offers).
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const PACKAGES_DIR = path.join(import.meta.dirname, 'packages');

/** The workspace packages: folder, name and the subpaths their `exports` offer (`.`, `./testing`, `./fixtures/open/*`). */
const WORKSPACES = fs
    .readdirSync(PACKAGES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(PACKAGES_DIR, d.name, 'package.json')))
    .map((d) => {
        const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGES_DIR, d.name, 'package.json'), 'utf8'));
        return {
            dir: path.join(PACKAGES_DIR, d.name),
            name: manifest.name,
            subpaths: Object.keys(manifest.exports ?? {}),
        };
    });

/** The workspace package a file or folder belongs to, or undefined outside packages/. */
const workspaceOf = (file) => WORKSPACES.find((w) => file === w.dir || file.startsWith(`${w.dir}${path.sep}`));

const escapeRegExp = (text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** True when `subpath` (`.` or `./testing`) is one of the exported subpaths (`*` in a key stands for any text). */
const isExported = (subpaths, subpath) =>
    subpaths.some((key) => new RegExp(`^${key.split('*').map(escapeRegExp).join('.+')}$`).test(subpath));

/**
 * `boundaries/package-imports`: a package is imported by its name and a subpath its `exports` offer, never by a
 * path into its files: no `@passivetotal/core/src/...`, no `../../devserver/src/server`. Checks imports, exports
 * from, `import()`, `require()` and `jest.mock()`-style calls.
 */
const packageImports = {
    meta: {
        type: 'problem',
        schema: [],
        messages: {
            relative:
                "'{{source}}' reaches into the files of {{name}}: import it by its name ('{{name}}' or a subpath its package.json exports).",
            notExported:
                "'{{source}}' is not offered by {{name}}'s package.json exports ({{offered}}): import what it exports, or export the subpath there.",
        },
    },
    create(context) {
        const file = context.filename;
        const own = workspaceOf(file);
        const check = (node, source) => {
            if (typeof source !== 'string') return;
            if (source.startsWith('.')) {
                const target = workspaceOf(path.resolve(path.dirname(file), source));
                if (target && target !== own)
                    context.report({ node, messageId: 'relative', data: { source, name: target.name } });
                return;
            }
            const target = WORKSPACES.find((w) => source === w.name || source.startsWith(`${w.name}/`));
            if (!target) return;
            const subpath = `.${source.slice(target.name.length)}`;
            if (!isExported(target.subpaths, subpath)) {
                const offered = target.subpaths.map((s) => `'${s}'`).join(', ') || 'nothing';
                context.report({ node, messageId: 'notExported', data: { source, name: target.name, offered } });
            }
        };
        const firstArgument = (node) => (node.arguments[0]?.type === 'Literal' ? node.arguments[0].value : undefined);
        return {
            ImportDeclaration: (node) => check(node.source, node.source.value),
            ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
            ExportAllDeclaration: (node) => check(node.source, node.source.value),
            ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
            TSImportType: (node) => node.argument.type === 'TSLiteralType' && check(node, node.argument.literal.value),
            CallExpression: (node) => {
                const callee = node.callee;
                const name =
                    callee.type === 'Identifier'
                        ? callee.name
                        : callee.type === 'MemberExpression' && callee.object.type === 'Identifier'
                          ? callee.object.name
                          : undefined;
                if (name === 'require' || name === 'jest') check(node, firstArgument(node));
            },
        };
    },
};

export default tseslint.config(
    {
        ignores: [
            '**/node_modules/',
            'stage/',
            'dist/',
            'packages/devserver/dist/',
            'coverage/',
            'test-results/',
            'bin/',
            'tests/',
        ],
    },
    js.configs.recommended,
    {
        plugins: { boundaries: { rules: { 'package-imports': packageImports } } },
        rules: { 'boundaries/package-imports': 'error' },
    },
    {
        files: ['**/*.{ts,tsx}'],
        extends: [...tseslint.configs.strictTypeChecked],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        rules: {
            '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
            '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
        },
    },
    {
        files: ['packages/app/**/*.{ts,tsx}'],
        plugins: { 'react-hooks': reactHooks },
        rules: reactHooks.configs.recommended.rules,
    },
    {
        files: ['packages/core/**/*.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    patterns: [
                        { group: ['react', 'react-*', 'styled-components'], message: 'core knows nothing of React.' },
                        { group: ['@splunk/*'], message: 'core knows nothing of Splunk Web.' },
                        {
                            group: ['@passivetotal/app', '@passivetotal/devserver', '@passivetotal/tooling'],
                            message: 'core depends on nothing else in the project.',
                        },
                    ],
                },
            ],
        },
    },
    {
        files: ['packages/devserver/**/*.ts', 'packages/tooling/**/*.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    patterns: [
                        {
                            group: ['@passivetotal/app', 'react', 'react-*'],
                            message: 'Node packages do not use the React app.',
                        },
                    ],
                },
            ],
        },
    },
    {
        files: ['**/*.test.{ts,tsx}', '**/test/**/*.ts'],
        rules: {
            '@typescript-eslint/no-non-null-assertion': 'off',
            '@typescript-eslint/unbound-method': 'off',
        },
    },
    {
        files: ['**/*.{js,cjs,mjs}'],
        extends: [tseslint.configs.disableTypeChecked],
        languageOptions: {
            globals: {
                require: 'readonly',
                module: 'writable',
                __dirname: 'readonly',
                process: 'readonly',
                console: 'readonly',
            },
        },
        rules: { '@typescript-eslint/no-require-imports': 'off' },
    }
);
