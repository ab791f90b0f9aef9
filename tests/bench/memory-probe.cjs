// Preloaded (`node --expose-gc --require`) into the servers the live benchmarks measure: on SIGUSR2,
// two full garbage collections, then one line `bench-memory {process.memoryUsage()}` on stdout, so
// memory per connection is read the same way for our backend and the bare server, garbage excluded.
process.on('SIGUSR2', () => {
  global.gc?.();
  global.gc?.();
  process.stdout.write(`bench-memory ${JSON.stringify(process.memoryUsage())}\n`);
});
