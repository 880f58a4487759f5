import { defineConfig } from 'eslint/config';
import grafanaConfig from '@grafana/eslint-config';
import importPlugin from 'eslint-plugin-import';

// src/ folders are layers, lowest first: a folder imports only from folders before it (docs/architecture.md).
// Because every allowed import points down the list, no cycle between folders can form.
const LAYERS = [
  'model',
  'rules',
  'backends',
  'frames',
  'join',
  'lineage',
  'trace',
  'datasource',
  'views',
  'extensions',
  'hooks',
  'components',
  'pages',
  'app',
];
// The app shell: its identity (ids, routes, settings type, test ids) and entry. The domain folders and the data
// source never import it; the data source gets the app's URLs as configuration (datasource/settings.ts).
const APP_SHELL = ['./src/constants.ts', './src/utils', './src/types.ts', './src/module.tsx'];
const DOMAIN_AND_DATASOURCE = LAYERS.slice(0, LAYERS.indexOf('datasource') + 1);

function layerZones({ withTestSupport }) {
  const zones = [];
  LAYERS.forEach((layer, i) => {
    const higher = LAYERS.slice(i + 1).map((l) => `./src/${l}`);
    const from = [...higher];
    if (DOMAIN_AND_DATASOURCE.includes(layer)) {
      from.push(...APP_SHELL);
      if (layer !== 'datasource') {
        from.push('./src/testIds.ts');
      }
    }
    if (withTestSupport) {
      from.push('./src/testing');
    }
    zones.push({
      target: `./src/${layer}`,
      from,
      message: `src/${layer} may import only from the layers below it: ${LAYERS.slice(0, i).join(', ') || 'none'} (see docs/architecture.md).`,
    });
  });
  return zones;
}

export default defineConfig([
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'coverage/**',
      'artifacts/**',
      'test-results/**',
      'playwright-report/**',
      'sandbox/.build/**',
      '.cache/**',
      'bench/scratch/**',
      '.config/jest/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...grafanaConfig,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      'react/prop-types': 'off',
      'react/react-in-jsx-scope': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      'import/extensions': ['.ts', '.tsx'],
    },
    rules: {
      'import/no-restricted-paths': ['error', { zones: layerZones({ withTestSupport: true }) }],
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Tests may use the one test-support folder, src/testing; production code may not.
    files: ['src/**/*.test.{ts,tsx}'],
    rules: {
      'import/no-restricted-paths': ['error', { zones: layerZones({ withTestSupport: false }) }],
    },
  },
  {
    files: ['tests/**/*', 'bench/**/*'],
    rules: {
      'react-hooks/rules-of-hooks': 'off',
    },
  },
]);
