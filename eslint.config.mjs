// Lint rules for every TypeScript package: typescript-eslint's strict type-checked set, React hooks rules,
// and the direction of dependencies (core knows nothing of React, the DOM or Splunk Web).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
    { ignores: ['**/node_modules/', 'stage/', 'dist/', 'coverage/', 'test-results/', 'bin/', 'tests/'] },
    js.configs.recommended,
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
