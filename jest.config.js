// Two projects: `unit` runs src/ in jsdom; `node` runs the demo pipeline, sandbox server and
// integration tests (real Prometheus, built bundles) in Node.
const swc = [
  '@swc/jest',
  {
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', tsx: true, decorators: false, dynamicImport: true },
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];
// ESM-only packages under @grafana/* (d3-*, ol, marked, …) must be transformed too.
const transformIgnorePatterns = [];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'jest-environment-jsdom',
      roots: ['<rootDir>/src'],
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
      modulePaths: ['<rootDir>/src'],
      moduleNameMapper: {
        '\\.(css|scss|sass)$': 'identity-obj-proxy',
        'react-inlinesvg': '<rootDir>/.config/jest/mocks/react-inlinesvg.tsx',
      },
      setupFiles: ['<rootDir>/.config/jest/fastCheck.js'],
      setupFilesAfterEnv: ['<rootDir>/jest-setup.js'],
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      transformIgnorePatterns,
    },
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/demo', '<rootDir>/sandbox', '<rootDir>/tests/integration', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
      modulePaths: ['<rootDir>/src'],
      setupFiles: ['<rootDir>/.config/jest/fastCheck.js'],
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      transformIgnorePatterns,
    },
  ],
};
