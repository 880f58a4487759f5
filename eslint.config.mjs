import { defineConfig } from 'eslint/config';
import grafanaConfig from '@grafana/eslint-config/flat.js';

export default defineConfig([
  {
    ignores: ['**/node_modules/**', 'dist/**', 'coverage/**', 'artifacts/**', 'test-results/**', 'playwright-report/**', '.config/jest/**'],
  },
  ...grafanaConfig,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-deprecated': 'off',
      'react/prop-types': 'off',
    },
  },
]);
