import { screen } from '@testing-library/react';
import { renderInApp } from '../../testing/testUtils';
import { AssetCausality } from './AssetCausality';

it('says caused by and causing, with links', () => {
  renderInApp(
    <AssetCausality
      asset="fct"
      causality={{ causedBy: ['stg'], causing: ['mrt', 'pub'], blastRadius: ['mrt', 'pub', 'side'] }}
    />
  );
  expect(screen.getByText(/Caused by/)).toContainElement(screen.getByRole('link', { name: 'stg' }));
  expect(screen.getByText(/Causing/)).toHaveTextContent('Causing mrt, pub (3 downstream at risk)');
  expect(screen.getByRole('link', { name: 'pub' })).toHaveAttribute('href', '/a/cascade-pipeline-app/assets/pub');
});

it('renders nothing for an asset outside every incident', () => {
  const { container } = renderInApp(
    <AssetCausality asset="x" causality={{ causedBy: [], causing: [], blastRadius: [] }} />
  );
  expect(container).toBeEmptyDOMElement();
});
