import { screen, within } from '@testing-library/react';
import { ROWS } from '../../testing/testPipeline';
import { renderInApp } from '../../testing/testUtils';
import { testIds } from '../../testIds';
import { AssetsTable, COMPACT_TABLE_WIDTH } from './AssetsTable';

jest.mock('../common/AssetLink', () => ({
  AssetLink: ({ asset }: { asset: string }) => <a href={`#${asset}`}>{asset}</a>,
}));

// jsdom has no layout: the table's measured width is set through getBoundingClientRect.
function renderAtWidth(width: number) {
  const spy = jest
    .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
    .mockReturnValue({ width, height: 600, top: 0, left: 0, right: width, bottom: 600, x: 0, y: 0 } as DOMRect);
  renderInApp(<AssetsTable rows={ROWS} />, { url: '/a/cascade-pipeline-app/assets' });
  spy.mockRestore();
  return within(screen.getByTestId(testIds.assets.table));
}

const headers = (table: ReturnType<typeof renderAtWidth>) =>
  table.getAllByRole('columnheader').map((h) => h.textContent?.trim());

describe('AssetsTable', () => {
  it('has a column each for layer, owner, runs and failures when there is room', () => {
    const table = renderAtWidth(COMPACT_TABLE_WIDTH + 100);
    expect(headers(table)).toEqual(
      expect.arrayContaining(['Layer', 'Owner', 'Runs', 'Failures', 'Rows per run(vs usual)'])
    );
  });

  it('folds layer and owner under the name and failures next to runs on a narrow screen', () => {
    const table = renderAtWidth(942);
    const names = headers(table);
    expect(names).not.toContain('Layer');
    expect(names).not.toContain('Owner');
    expect(names).not.toContain('Failures');
    expect(names).toContain('Runs (failed)');
    const stg = table.getByRole('link', { name: 'stg_glucose_entries' }).closest('tr')!;
    expect(stg).toHaveTextContent('silver · data-platform-team');
    const row = ROWS.find((r) => r.asset === 'stg_glucose_entries')!;
    expect(stg).toHaveTextContent(`${row.runs} (${row.failures})`);
  });
});
