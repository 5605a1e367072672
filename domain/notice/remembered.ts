/**
 * `compute` with its answers kept by key. A fan-out asks the same few questions (a locale's template,
 * a time zone's validity) for every person; the answers are forgotten all at once past `max` keys.
 */
export function remembered<V>(compute: (key: string) => V, max = 1000): (key: string) => V {
  const answers = new Map<string, V>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as V;
    const answer = compute(key);
    if (answers.size >= max) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}
