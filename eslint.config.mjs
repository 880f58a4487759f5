import { defineConfig } from 'eslint/config';
import grafanaConfig from '@grafana/eslint-config';

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
    files: ['tests/**/*', 'bench/**/*'],
    rules: {
      'react-hooks/rules-of-hooks': 'off',
    },
  },
]);
