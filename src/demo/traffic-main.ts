/**
 * `npm run demo:traffic`: drives the running demo (DEMO_URL, default
 * http://HOST:PORT, i.e. http://127.0.0.1:8080) with a scripted mix of requests, then prints where each
 * kind of line landed in LOG_DIR (default ./logs).
 */
import { readDemoEnvironment, type DemoEnvironment } from './demo-environment.js';
import { LINE_KINDS, driveTraffic, whereLinesLanded } from './traffic.js';

let environment: DemoEnvironment;
try {
  environment = readDemoEnvironment();
} catch (cause) {
  console.error(`logwarden demo traffic: ${cause instanceof Error ? cause.message : String(cause)}`);
  process.exit(1);
}
const { url: baseUrl, logDir, adminPassword, automationPassword } = environment;

try {
  const results = await driveTraffic({ baseUrl, adminPassword, automationPassword });
  console.log(`Sent ${results.length} requests to ${baseUrl}:`);
  for (const { request, status } of results) console.log(`  ${status}  ${request}`);
} catch (cause) {
  console.error(`Could not drive the demo at ${baseUrl} (start it with npm start): ${cause instanceof Error ? cause.message : String(cause)}`);
  process.exit(1);
}
// The demo writes at the end of each event-loop turn; a moment later everything is in the files.
await new Promise((resolve) => setTimeout(resolve, 300));
const landed = whereLinesLanded(logDir);
console.log(`\nWhere the lines landed (under ${logDir}/, counting everything in the files):`);
for (const kind of LINE_KINDS) {
  const files = landed.get(kind.name);
  const where = files ? [...files].map(([file, count]) => `${file} (${count})`).join(', ') : 'nowhere yet';
  console.log(`  ${kind.name.padEnd(38)} ${where}`);
}
