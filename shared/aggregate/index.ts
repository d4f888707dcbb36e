// Aggregates by name: the vocabulary of METER_USAGE's third argument.
import type { Series } from '../model';
import type { Table } from '../table';
import { aggregateIntervals, type IntervalAggregate } from './intervals';
import { aggregateProfile, type ProfileAggregate } from './profile';
import type { Span } from './span';

export type Aggregate = IntervalAggregate | ProfileAggregate;

export const AGGREGATES: readonly Aggregate[] = [
  'none',
  'hour',
  'day',
  'week',
  'month',
  'profile',
  'weekday-profile',
  'weekend-profile',
];

export function isProfile(aggregate: Aggregate): aggregate is ProfileAggregate {
  return (
    aggregate === 'profile' || aggregate === 'weekday-profile' || aggregate === 'weekend-profile'
  );
}

/** Aggregates a complete series (see completeSeries) over the span. */
export function aggregate(series: Series, span: Span, how: Aggregate): Table {
  return isProfile(how)
    ? aggregateProfile(series, span, how)
    : aggregateIntervals(series, span, how);
}

export { completeSeries } from './complete';
export { resolveSpan, type Span } from './span';
