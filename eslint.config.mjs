// ESLint (flat config), run by `npm test` and `npm run lint`. Besides the usual TypeScript, React hooks
// and accessibility rules it enforces the domain graph drawn in ARCHITECTURE.md: no import cycles
// anywhere, and no import along an edge the graph does not have (DOMAINS below is that graph).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The platform: plumbing every domain may use, which uses no domain.
 * (lib/db.ts, lib/env.ts, lib/logger.ts, lib/errors.ts, lib/action-result.ts, lib/not-found.ts, lib/request-body.ts, lib/csv.ts, and
 * these folders.)
 */
const PLATFORM = ['db', 'env', 'logger', 'errors', 'action-result', 'not-found', 'generated', 'postgres', 'time', 'crypto', 'health', 'request-body', 'csv'];

/**
 * The domains of lib/ and the only other domains each may import (besides the platform). Bottom to top;
 * keep in step with the graph in ARCHITECTURE.md. `auth` is the rules (actor, permissions, password,
 * sign-in schema); `auth-session` is the session glue on top of everything (session, next-auth options,
 * runAction), used by actions.ts files, routes and pages only.
 */
const DOMAINS = {
  auth: [],
  audit: ['auth'],
  deadline: [],
  'reference-data': ['auth', 'audit'],
  dwt: ['reference-data'],
  users: ['auth', 'audit'],
  sites: ['auth', 'audit', 'deadline', 'dwt'],
  'address-book': ['auth', 'audit', 'dwt'],
  'dwt-settings': ['auth', 'audit', 'dwt', 'reference-data', 'users'],
  records: ['auth', 'deadline'],
  delivery: ['auth', 'audit', 'dwt', 'dwt-settings', 'records', 'reference-data', 'sites'],
  loads: ['auth', 'audit', 'address-book', 'deadline', 'delivery', 'dwt', 'reference-data', 'sites', 'users', 'weighbridge'],
  'data-rights': ['auth', 'audit', 'address-book', 'dwt', 'users'],
  weighbridge: ['auth', 'audit'],
  backup: ['auth', 'audit', 'deadline'],
  demo: ['auth', 'sites', 'users'],
  'auth-session': ['auth', 'users'],
};

// A new folder in lib/ must take its place in the graph before it can be linted.
const libFolders = readdirSync(new URL('./lib/', import.meta.url), { withFileTypes: true }).filter((e) => e.isDirectory());
const unplaced = libFolders.map((e) => e.name).filter((name) => !PLATFORM.includes(name) && !(name in DOMAINS));
if (unplaced.length > 0) throw new Error(`eslint.config.mjs: place lib/${unplaced.join(', lib/')} in DOMAINS or PLATFORM (and in ARCHITECTURE.md).`);

const AUTH_SESSION = ['lib/auth/session.ts', 'lib/auth/options.ts', 'lib/auth/run-action.ts'];
const AUTH_RULES = readdirSync(new URL('./lib/auth/', import.meta.url))
  .map((f) => `lib/auth/${f}`)
  .filter((f) => !AUTH_SESSION.includes(f));
/** One file as a glob (no-restricted-paths takes globs or plain paths in a list, not both): "x.ts" → "x.[t]s". */
const fileGlob = (file) => `./${file.replace(/\.(tsx?)$/, (_, ext) => `.[${ext[0]}]${ext.slice(1)}`)}`;
/** The files of a domain, as no-restricted-paths globs (relative to this folder). */
const filesOf = (domain) => (domain === 'auth-session' ? AUTH_SESSION.map(fileGlob) : domain === 'auth' ? AUTH_RULES.map(fileGlob) : [`./lib/${domain}/**`]);

const domainZones = Object.entries(DOMAINS).map(([domain, uses]) => {
  const forbidden = Object.keys(DOMAINS).filter((other) => other !== domain && !uses.includes(other) && other !== 'auth-session');
  return {
    target: filesOf(domain),
    from: forbidden.flatMap(filesOf),
    message: `lib/${domain} may use only ${uses.length ? uses.join(', ') : 'the platform'} (ARCHITECTURE.md, "Domains"); move the code or change the graph there and in eslint.config.mjs.`,
  };
});

const zones = [
  // The platform uses no domain.
  {
    target: PLATFORM.flatMap((p) => [fileGlob(`lib/${p}.ts`), `./lib/${p}/**`]),
    from: Object.keys(DOMAINS).flatMap(filesOf),
    message: 'The platform (lib/db, env, logger, errors, ...) uses no domain (ARCHITECTURE.md, "Domains").',
  },
  ...domainZones,
  // Only the entry points (each domain's actions.ts, and the session glue itself) use the session glue.
  {
    target: ['./lib/**'],
    from: AUTH_SESSION.map(fileGlob),
    message: 'Only actions.ts files, routes and pages use the session glue (lib/auth/session, options, run-action): services take an actor.',
  },
  // lib/ never reaches up into the UI.
  { target: ['./lib/**'], from: ['./app/**', './components/**'], message: 'lib/ does not import from app/ or components/.' },
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', '.next/**', 'lib/generated/**', '.data/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'next-env.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    // The classic hooks rules. The React Compiler's rules (refs, set-state-in-effect, ...) judge code for
    // a compiler this app does not use; they stay off until it does.
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json', alwaysTryTypes: true }), createNodeResolver()],
    },
    rules: {
      // TypeScript resolves every import already (tsc in npm test); these repeat it, slowly.
      'import-x/no-unresolved': 'off',
      'import-x/named': 'off',
      'import-x/namespace': 'off',
      'import-x/default': 'off',
      'import-x/no-named-as-default-member': 'off',
      // The graph: no cycles. Type-only imports are not followed (they vanish at run time); the zones
      // below still refuse a type imported across a forbidden edge.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      // `let { a, b } = f()` where only `a` changes later: splitting the destructuring reads worse.
      'prefer-const': ['error', { destructuring: 'all' }],
      // A class exported both as default and by name (AxeBuilder) trips this; TypeScript checks the import.
      'import-x/no-named-as-default': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // TypeScript checks names itself (and knows the DOM's and Node's); the plain scripts need Node's globals.
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-undef': 'off' },
  },
  { files: ['**/*.mjs', '**/*.js', '**/*.cjs'], languageOptions: { globals: globals.node } },
  {
    // DWT's email rules are written over ASCII ranges that start at \x00, on purpose.
    files: ['lib/dwt/email.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // The domain graph's edges. Tests may reach across (an integration test seeds through several services).
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'lib/**/test-support.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
  {
    // Each domain's actions.ts is an entry point: it may use the session glue (runAction).
    files: ['lib/*/actions.ts', 'lib/auth/session.ts', 'lib/auth/options.ts', 'lib/auth/run-action.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: zones.filter((z) => !z.message.startsWith('Only actions.ts')) }] },
  },
);
