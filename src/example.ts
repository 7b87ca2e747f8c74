/**
 * `npm start` until the demo server exists: logs through a console and a file
 * appender, with MDC, a lazy message and a throwable, then shuts down cleanly.
 */
import { getLogger, shutdown } from './log-manager.js';
import { MDC } from './context/mdc.js';
import { ConsoleAppender } from '../appenders/console-appender.js';
import { FileAppender } from '../appenders/file-appender.js';
import { PatternLayout } from '../layouts/pattern/pattern-layout.js';

const logDir = process.env.LOG_DIR ?? 'logs';
const layout = new PatternLayout('%d{ISO8601} %-5p [%t] %c{1} %X{user} - %m%n');
const root = getLogger();
root.addAppender(new ConsoleAppender({ name: 'console', layout }));
root.addAppender(new FileAppender({ name: 'file', file: `${logDir}/example.log`, layout }));

const log = getLogger('com.example.billing.InvoiceService');
log.info('Service starting');
await MDC.run({ user: 'admin' }, async () => {
  log.warn('Invoice %s is overdue', 'INV-42');
});
log.debug(() => `expensive ${JSON.stringify({ computed: true })}`);
log.error('Upload failed', new Error('disk full'));
await shutdown();
console.log(`\nThe same lines are in ${logDir}/example.log`);
