// Prints every API route with its declared access policy (no database needed): npx tsx scripts/list-routes.ts
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
const config = loadConfig({ PHASEOUT_DEMO: '0' });
const app = await buildApp({ config, database: {} as never, db: {} as never, now: () => new Date() }, { logger: false });
await app.ready();
for (const r of app.routeTable) console.log(r.method.padEnd(7), r.url.padEnd(50), JSON.stringify(r.access));
await app.close();
