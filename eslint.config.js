import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Syntax newer than Node.js 4 (CommonJS, ES2015), kept out of the installed bin's first files.
const NEWER_THAN_NODE_4 = [
  ['ObjectPattern', 'destructuring (Node.js 6)'],
  ['ArrayPattern', 'destructuring (Node.js 6)'],
  ['AssignmentPattern', 'default parameters (Node.js 6)'],
  ['RestElement', 'rest parameters (Node.js 6)'],
  ['SpreadElement', 'spread (Node.js 5)'],
  ["BinaryExpression[operator='**']", '** (Node.js 7)'],
  [':function[async=true]', 'async functions (Node.js 7.6)'],
  ['ForOfStatement[await=true]', 'for await (Node.js 10)'],
  ['CatchClause[param=null]', 'catch without a binding (Node.js 10)'],
  ['ChainExpression', '?. (Node.js 14)'],
  ["LogicalExpression[operator='??']", '?? (Node.js 14)'],
  ['AssignmentExpression[operator=/^(\\?\\?|\\|\\||&&)=$/]', 'logical assignment (Node.js 15)'],
  ['Literal[raw=/^\\d.*_/]', 'numeric separators (Node.js 12.5)'],
  ['Literal[bigint]', 'BigInt (Node.js 10.4)'],
  ['PropertyDefinition', 'class fields (Node.js 12)'],
  ['PrivateIdentifier', 'private names (Node.js 12)'],
  ['StaticBlock', 'static blocks (Node.js 16.11)'],
].map(([selector, what]) => ({ selector, message: `${what}: this file must parse on any Node.js, to tell an old one what to install` }));

export default tseslint.config(
  { ignores: ['dist/**', 'lib/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The engine must stay free of anything GitHub: the CLI and the Action are front doors onto it.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@actions/*', '../store/*', '../cli/*', '../action/*'] }],
    },
  },
  {
    // The public API ships in the npm package, which has no @actions/* at run time.
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@actions/*', '../cli/*', '../action/*', '../example/*'] }],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../cli/*', '../action/*'] }],
    },
  },
  {
    // The installed bin's first files run on whatever Node.js the user has, to tell an old one in
    // one line what to install (src/cli/bin.cts).
    files: ['src/cli/bin.cts', 'src/cli/load-main.cts'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      'comma-dangle': ['error', { functions: 'never' }],
      'no-restricted-syntax': ['error', ...NEWER_THAN_NODE_4],
    },
  },
  {
    files: ['src/cli/bin.cts'],
    rules: {
      'no-restricted-syntax': ['error', ...NEWER_THAN_NODE_4, { selector: 'ImportExpression', message: 'import() does not parse before Node.js 10: keep it in load-main.cts, required after the version check' }],
    },
  },
);
