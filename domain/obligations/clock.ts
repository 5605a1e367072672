import { addBusinessDays, addCalendarDays, addHours, addMonths } from '../calendar/business-days.js';
import { currentJudgement, judgementTime, type Judgement, type JudgementKind } from './judgement.js';
import type { ClockEvent, ClockStart, Deadline } from './rule.js';

export interface ClockEvents {
  noticesStartedAt?: string | undefined;
  noticesCompletedAt?: string | undefined;
  assessmentConcludedAt?: string | undefined;
  handlingEndedAt?: string | undefined;
}

export interface ResolvedClock {
  at: string | null;
  /** What the clock counts from, in words, for reasons. */
  label: string;
  /** Counting from a fallback (discovery) until the judgement that starts the clock is recorded. */
  provisional: boolean;
  missingJudgement?: JudgementKind;
  waitingFor?: ClockEvent;
}

const EVENT_WORDS: Record<ClockEvent, string> = {
  noticesStartedAt: 'individual notices starting',
  noticesCompletedAt: 'individual notices completing',
  assessmentConcludedAt: 'the assessment concluding',
  handlingEndedAt: 'incident handling ending',
};

/** Every instant leaves the engine in one form (UTC, milliseconds) whatever offset it came in with. */
export function resolveClock(
  clock: ClockStart,
  discoveredAt: string,
  events: ClockEvents,
  judgements: readonly Judgement[],
  regime: string,
): ResolvedClock {
  const resolved = resolveRaw(clock, discoveredAt, events, judgements, regime);
  return resolved.at ? { ...resolved, at: new Date(Date.parse(resolved.at)).toISOString() } : resolved;
}

function resolveRaw(
  clock: ClockStart,
  discoveredAt: string,
  events: ClockEvents,
  judgements: readonly Judgement[],
  regime: string,
): ResolvedClock {
  switch (clock.from) {
    case 'discovery':
      return { at: discoveredAt, label: 'discovery', provisional: false };
    case 'discovery_year_end': {
      const year = new Date(Date.parse(discoveredAt)).getUTCFullYear();
      return {
        at: new Date(Date.UTC(year + 1, 0, 1)).toISOString(),
        label: `the end of ${year}`,
        provisional: false,
      };
    }
    case 'judgement': {
      const j = currentJudgement(judgements, clock.kind, regime);
      const words = clock.kind.replace(/_/g, ' ');
      if (j?.value) return { at: judgementTime(j), label: `${words} (recorded)`, provisional: false };
      if (j && !j.value) return { at: null, label: words, provisional: false };
      if (clock.fallback === 'discovery') {
        return {
          at: discoveredAt,
          label: `discovery until ${words} is recorded`,
          provisional: true,
          missingJudgement: clock.kind,
        };
      }
      return { at: null, label: words, provisional: false, missingJudgement: clock.kind };
    }
    case 'event': {
      let at = events[clock.event];
      if (!at && clock.event === 'assessmentConcludedAt') {
        const j = currentJudgement(judgements, 'assessment_concluded', regime);
        if (j?.value) at = judgementTime(j);
      }
      return at
        ? { at, label: EVENT_WORDS[clock.event], provisional: false }
        : { at: null, label: EVENT_WORDS[clock.event], provisional: false, waitingFor: clock.event };
    }
  }
}

export interface DueDate {
  dueAt: string | null;
  holidayDataMissing: number[];
}

export function dueDate(start: string, deadline: Deadline): DueDate {
  const amount = deadline.amount ?? 0;
  switch (deadline.unit) {
    case 'none':
      return { dueAt: null, holidayDataMissing: [] };
    case 'hours':
      return { dueAt: addHours(start, amount), holidayDataMissing: [] };
    case 'calendar_days':
      return { dueAt: addCalendarDays(start, amount), holidayDataMissing: [] };
    case 'months':
      return { dueAt: addMonths(start, amount), holidayDataMissing: [] };
    case 'business_days':
      return addBusinessDays(deadline.calendar ?? 'US', start, amount);
  }
}
