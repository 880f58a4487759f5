/** Entry of the sandbox host bundle (sandbox/.build/host.js). */
import React from 'react';
import { createRoot } from 'react-dom/client';
import { config } from '@grafana/runtime';
import { bootstrap } from './bootstrap';
import { HostApp } from './components/HostApp';

interface BootApp {
  id: string;
}

async function main() {
  await bootstrap();
  const apps = Object.values((config.apps ?? {}) as Record<string, BootApp>);
  let defaultApp: React.ComponentProps<typeof HostApp>['defaultApp'];
  if (apps[0]) {
    // The nav needs the app's includes before its page has loaded: same API Grafana's nav uses.
    const res = await fetch(`/api/plugins/${encodeURIComponent(apps[0].id)}/settings`);
    const meta = res.ok ? await res.json() : { includes: [] };
    defaultApp = { id: apps[0].id, includes: meta.includes ?? [], defaultNavUrl: meta.defaultNavUrl };
  }
  createRoot(document.getElementById('reactRoot')!).render(<HostApp defaultApp={defaultApp} />);
}

main().catch((e) => {
  console.error('[sandbox] host failed to start', e);
  document.body.textContent = `Sandbox host failed to start: ${e?.message ?? e}`;
});
