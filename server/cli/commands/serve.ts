import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config.ts';
import { boot } from '../../runtime.ts';
import { buildApp } from '../../app.ts';
import { recordHttpPort } from '../../platform/db/database.ts';
import { FatalError } from '../../platform/errors.ts';
import { DEMO_PASSWORD } from '../../seeds/demo.ts';
import type { Command } from '../command.ts';

export const serve: Command = {
  name: 'serve',
  summary: 'Serve the API, the console and the public site on one port (npm start)',
  usage: 'phaseout serve            (PORT, HOST, PHASEOUT_DATA_DIR, DATABASE_URL, PHASEOUT_DEMO: see README)',
  async run() {
    const t0 = Date.now();
    const config = loadConfig();
    const log = {
      info: (m: string) => console.log(`[phaseout] ${m}`),
      warn: (m: string) => console.warn(`[phaseout] warning: ${m}`),
      error: (o: unknown, m?: string) => console.error(`[phaseout] error: ${m ?? ''}`, JSON.stringify(o)),
    };
    const { database } = await boot(config, log, 'serve');
    let app: FastifyInstance | undefined;
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      log.info(`${signal} received: closing the HTTP server and the database`);
      const force = setTimeout(() => {
        log.warn('shutdown took longer than 20 s; exiting');
        process.exit(1);
      }, 20_000);
      force.unref();
      try {
        await app?.close();
      } finally {
        await database.close();
        log.info('stopped cleanly');
        process.exit(0);
      }
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    try {
      app = await buildApp({ config, database, db: database.db, now: () => new Date() });
      await app.listen({ port: config.port, host: config.host });
    } catch (e) {
      await app?.close().catch(() => undefined);
      await database.close();
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new FatalError(
          `Port ${config.port} on ${config.host} is already in use.`,
          'Stop the other program or start with another PORT, e.g. PORT=3001 npm start.',
        );
      if (code === 'EACCES') throw new FatalError(`Not allowed to listen on ${config.host}:${config.port}.`, 'Use a port above 1024.');
      throw e;
    }
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    recordHttpPort(config.dataDir, port);
    const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    const url = `http://${host}:${port}/`;
    const lines = [
      '',
      `  Phaseout 落后产能退出管理平台 is ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      `  Console 控制台:   ${url}`,
      `  Public site 公开: ${url}public`,
      `  API docs:        ${url}docs   (OpenAPI: ${url}openapi.json)`,
      `  Database:        ${database.engine === 'embedded' ? `embedded PostgreSQL ${database.serverVersion} in ${config.dataDir}` : `external PostgreSQL ${database.serverVersion}`}`,
    ];
    if (config.demo) {
      lines.push(
        '',
        `  Demo logins (password: ${DEMO_PASSWORD}):`,
        '    office                 leading-group office 市淘汰落后产能工作领导小组办公室',
        '    t-340202 … t-340281    one per territory, e.g. t-340202 镜湖区 (t-<GB/T 2260 code>)',
        '    d-drc d-eit d-eco d-msa d-ema   departments',
        '    gov                    city government;   bank   bank / financial regulator',
      );
    }
    console.log(`${lines.join('\n')}\n`);
  },
};
