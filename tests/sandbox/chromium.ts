/** Debian's Chromium (never a downloaded browser) and the flags it needs on this closed network. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox as root, and no background connections (refused here, and slow to fail). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
