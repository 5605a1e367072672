import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The one CLI tag that installs cleanly with `go install` (later tags carry replace directives). */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

function goBinDir(): string | undefined {
  const r = spawnSync('go', ['env', 'GOBIN', 'GOPATH'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const [gobin, gopath] = r.stdout.split('\n').map((s) => s.trim());
  if (gobin) return gobin;
  return gopath ? path.join(gopath.split(path.delimiter)[0] ?? gopath, 'bin') : undefined;
}

/** Finds an installed `temporal` binary: TEMPORAL_CLI, then PATH, then Go's bin folder. */
export function findTemporalCli(): string | undefined {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`TEMPORAL_CLI points at ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const onPath = spawnSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).stdout.trim();
  const candidates = [onPath, path.join(homedir(), 'go', 'bin', 'temporal')];
  const gobin = goBinDir();
  if (gobin) candidates.push(path.join(gobin, 'temporal'));
  return candidates.find((c) => c && existsSync(c));
}

/** Finds the CLI, building it from the Go module proxy only when none is installed (takes a few minutes). */
export function ensureTemporalCli(log: (line: string) => void = console.log): string {
  const found = findTemporalCli();
  if (found) return found;
  log(`No temporal CLI found; building ${TEMPORAL_CLI_MODULE} with go install (a few minutes, once)...`);
  execFileSync('go', ['install', TEMPORAL_CLI_MODULE], {
    stdio: 'inherit',
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  const built = findTemporalCli();
  if (!built) throw new Error('go install finished but no temporal binary was found in GOBIN/GOPATH/bin');
  return built;
}
