import { parseCli, USAGE } from './cli-args.ts';
import { readEnv } from './env.ts';
import { runFeed } from './feeder.ts';

/** `tsx src/cli.ts --key KEY --sites a,b --scenario cas-outage`: see USAGE and README.md. */
async function main(): Promise<number> {
  let cfg: ReturnType<typeof parseCli>;
  try {
    cfg = parseCli(process.argv.slice(2), readEnv());
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (cfg === 'help') {
    console.log(USAGE);
    return 0;
  }
  const stop = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    console.log('stopping: finishing posts in flight (Ctrl-C again to quit at once)');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  try {
    await runFeed(cfg, { signal: stop.signal, log });
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

process.exit(await main());
