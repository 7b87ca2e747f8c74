/**
 * Loaded with `node --import` into the measured `logwarden tokens` process: at exit it
 * writes the process's peak RSS and CPU time on stderr, so the bin is measured as it
 * ships, without a wrapper inside it.
 */
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nBENCH ${JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 })}\n`);
});
