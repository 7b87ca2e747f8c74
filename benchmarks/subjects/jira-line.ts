import { LOGGER_Q2, MDC_VALUES, THREAD } from '../workload.js';

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad3 = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/** A hand-written Jira line formatter for peers without a pattern layout (UTC time stamps). */
export function jiraLine(time: number, level: string, message: string): string {
  const d = new Date(time);
  const stamp = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())},${pad3(d.getUTCMilliseconds())}+0000`;
  return `${stamp} ${THREAD} ${level} ${MDC_VALUES['jira.username']} ${MDC_VALUES['jira.request.id']} ${MDC_VALUES['jira.request.assession.id']} ${MDC_VALUES['jira.request.ipaddr']} ${MDC_VALUES['jira.request.url']} [${LOGGER_Q2}] ${message}\n`;
}
