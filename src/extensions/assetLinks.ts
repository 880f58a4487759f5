import { PLUGIN_BASE_URL, ROUTES } from '../constants';
import { RawTimeLike } from './contexts';

/** The title of every link that opens one asset (the command palette's entry has its own). */
export const OPEN_ASSET_TITLE = 'Open asset in Cascade';

/** A `from`/`to` URL value for the app pages: relative strings as they are, dates as epoch ms. */
function timeParam(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') {
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(Math.round(value));
  }
  if (value instanceof Date || (typeof value === 'object' && value !== null && 'valueOf' in value)) {
    const ms = Number((value as { valueOf(): unknown }).valueOf());
    return Number.isFinite(ms) ? String(Math.round(ms)) : undefined;
  }
  return undefined;
}

/** The app's page of one asset, keeping the caller's time range when it has one. */
export function assetPagePath(asset: string, time?: RawTimeLike): string {
  const path = `${PLUGIN_BASE_URL}/${ROUTES.Assets}/${encodeURIComponent(asset)}`;
  const from = timeParam(time?.from);
  const to = timeParam(time?.to);
  if (from === undefined || to === undefined) {
    return path;
  }
  return `${path}?${new URLSearchParams({ from, to }).toString()}`;
}

/** The app's asset list. */
export function assetListPath(): string {
  return `${PLUGIN_BASE_URL}/${ROUTES.Assets}`;
}

/** The app's asset list, its search box focused (what the command palette opens). */
export function assetSearchPath(): string {
  return `${PLUGIN_BASE_URL}/${ROUTES.Assets}?${new URLSearchParams({ focus: 'search' }).toString()}`;
}
