// How numbers, money, durations and deadlines read in the console.

const numbers = new Intl.NumberFormat('en');

export const count = (n: number): string => numbers.format(n);
export const people = (n: number): string => `${count(n)} ${n === 1 ? 'person' : 'people'}`;
export const usd = (n: number): string =>
  new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(n);

export function duration(seconds: number | null): string {
  if (seconds === null) return 'no rate limit';
  if (seconds < 120) return `${Math.ceil(seconds)} s`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** "in 2 d 4 h" or "3 h 10 min overdue", to the second in the last hour. */
export function countdown(dueAt: string, now = Date.now()): { text: string; overdue: boolean } {
  const ms = Date.parse(dueAt) - now;
  const overdue = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const hr = Math.floor(s / 3600);
  s -= hr * 3600;
  const min = Math.floor(s / 60);
  s -= min * 60;
  const parts = d > 0 ? [`${d} d`, `${hr} h`] : hr > 0 ? [`${hr} h`, `${min} min`] : [`${min} min`, `${s} s`];
  const span = parts.join(' ');
  return { text: overdue ? `${span} overdue` : `in ${span}`, overdue };
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d
        .toISOString()
        .replace('T', ' ')
        .replace(/:\d\d\.\d+Z$/, ' UTC');
}

export const words = (code: string): string => code.replaceAll('_', ' ');
