/** A failure a test asked a local provider for: forever, or `times` more times and then success. */
export interface Scripted {
  times?: number;
}

/** The failure scripted for `key`, counting down the times it has left; undefined once spent. */
export function takeScripted<F extends Scripted>(failures: Map<string, F>, key: string): F | undefined {
  const failure = failures.get(key);
  if (!failure) return undefined;
  if (failure.times !== undefined) {
    if (failure.times <= 0) return undefined;
    failure.times -= 1;
  }
  return failure;
}
