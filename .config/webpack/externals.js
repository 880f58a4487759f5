// Grafana's shared dependencies: provided by Grafana at runtime, never bundled (create-plugin's list).
const SHARED = [
  'lodash',
  'jquery',
  'moment',
  'slate',
  'emotion',
  '@emotion/react',
  '@emotion/css',
  'prismjs',
  'slate-plain-serializer',
  '@grafana/slate-react',
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-redux',
  'redux',
  'rxjs',
  'i18next',
  'react-router',
  'd3',
  'angular',
  '@grafana/ui',
  '@grafana/runtime',
  '@grafana/data',
];

const externals = [
  // Required for dynamic publicPath resolution.
  { 'amd-module': 'module' },
  ...SHARED.filter((n) => !n.startsWith('@grafana/')),
  /^@grafana\/ui/i,
  /^@grafana\/runtime/i,
  /^@grafana\/data/i,
  /^rxjs\/operators$/,
];

module.exports = { externals, SHARED };
