import { ReactNode } from 'react';
import { Combobox, FilterInput } from '@grafana/ui';

interface Props {
  search: string;
  onSearch: (value: string) => void;
  layers: string[];
  layer: string;
  onLayer: (value: string) => void;
  /** focus the search box on mount (a link asked for it: `?focus=search`) */
  autoFocusSearch?: boolean;
  /** page-specific filters after the common ones */
  children?: ReactNode;
}

const ALL = '';

/** Asset name search and layer filter shared by the list pages (values live in the URL). */
export function AssetFilters({ search, onSearch, layers, layer, onLayer, autoFocusSearch, children }: Props) {
  const options = [{ label: 'All layers', value: ALL }, ...layers.map((l) => ({ label: l, value: l }))];
  return (
    <>
      <FilterInput
        aria-label="Search assets"
        placeholder="Search assets"
        value={search}
        onChange={onSearch}
        width={32}
        autoFocus={autoFocusSearch}
      />
      <Combobox aria-label="Layer" options={options} value={layer} onChange={(o) => onLayer(o.value)} width={20} />
      {children}
    </>
  );
}
