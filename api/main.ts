// API entrypoint. SIGTERM/SIGINT: stop accepting connections, finish in-flight requests, exit.
import { Client, Connection } from '@temporalio/client';
import { cardFontProblem } from '../infra/card-font';
import { ConfigError, loadConfig } from '../infra/config';
import { createDb } from '../infra/db';
import { storeCalendar } from '../store/calendar';
import { createApp } from './app';
import { startCaches } from './caches';
import { apiConnectionOptions } from './temporal-connection';
import { humanDestination } from './human-log';
import { createLogger } from './logger';

async function main(): Promise<void> {
  const config = loadConfig();
  // npm start (development): a short line per request for the person at the terminal; else JSON.
  const logger = createLogger(config.LOG_LEVEL, config.NODE_ENV === 'development' ? humanDestination() : undefined);
  // The printed card needs its CJK font: production does not start without it; elsewhere the API
  // starts and GET …/card.pdf answers 503 until it is installed.
  const fontProblem = cardFontProblem(config.CARD_FONT);
  if (fontProblem && config.NODE_ENV === 'production') throw new ConfigError(`invalid configuration: ${fontProblem}`);
  if (fontProblem) logger.warn(fontProblem);
  const db = createDb(config.DATABASE_URL);
  // Lazy: the API starts (and /readyz says why it is not ready) even while Temporal is still down.
  const connection = Connection.lazy(apiConnectionOptions(config.TEMPORAL_ADDRESS));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  // The statutory calendar the city bureau maintains; seeded from chinese-days on first use.
  const calendar = storeCalendar(db, { seed: true });
  const caches = startCaches(config, logger, [calendar]);
  const { app, metricsApp } = createApp({ config, db, temporal, logger, calendar, caches });
  const server = app.listen(config.PORT, config.HOST, () =>
    logger.info({ host: config.HOST, port: config.PORT, devMode: config.devMode }, 'api listening'),
  );
  const metricsServer =
    config.METRICS_PORT === undefined
      ? undefined
      : metricsApp.listen(config.METRICS_PORT, config.HOST, () =>
          logger.info({ host: config.HOST, port: config.METRICS_PORT }, 'metrics listening'),
        );

  const stop = () => {
    logger.info('api stopping');
    metricsServer?.close();
    server.close(() => {
      void (async () => {
        await connection.close().catch(() => {});
        await caches.stop();
        await db.$disconnect().catch(() => {});
        process.exit(0);
      })();
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop); // started by `npm start`, whose launcher is gone
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
