import { ROUTES } from '../constants';
import { APP_URLS } from '../datasource/settings';
import { prefixRoute } from '../utils/routing';

// The data source links to the app's pages through configuration (it may not import the app's routes).
describe('the data source links to the app routes', () => {
  it('asset page and trace drill-down are the app routes', () => {
    expect(APP_URLS.assetPage).toBe(prefixRoute(ROUTES.Assets));
    expect(APP_URLS.trace).toBe(prefixRoute(ROUTES.Traces));
  });
});
