/** Running a plan: the executor interface adapters implement, the per-object runner most of them
 * use, and the events a sync reports (one line per object). */
import { displayName, refOf, type Change, type Failure, type ObjectRef, type Plan } from './change.ts';
import { levelOf } from './levels.ts';

export type Outcome = 'created' | 'configured' | 'unchanged' | 'pruned';

export interface SyncEvent extends ObjectRef {
  readonly outcome: Outcome;
  readonly dryRun: boolean;
}

export type EventSink = (event: SyncEvent) => void;

export interface ExecuteOptions {
  /** Ask the server to check every change without persisting any (or, where it cannot, send nothing). */
  readonly dryRun: boolean;
  readonly report: EventSink;
}

/** Carries out a plan against one live system and returns what failed; never throws for one object. */
export interface Executor {
  execute(plan: Plan, options: ExecuteOptions): Promise<readonly Failure[]>;
}

/** What an adapter does for a single change; it throws an Error whose message is safe to print. */
export type ApplyOne = (change: Change, dryRun: boolean) => Promise<void>;

export const OUTCOME: Readonly<Record<Change['op'], Outcome>> = { create: 'created', update: 'configured', delete: 'pruned' };

/**
 * Runs changes one at a time in plan order (levels top-down, deletions bottom-up). A failed object
 * does not stop the others, but any failed create or update cancels every deletion: pruning while
 * the new state is incomplete could remove the only working route.
 */
export async function executeInOrder(plan: Plan, apply: ApplyOne, options: ExecuteOptions): Promise<Failure[]> {
  const failures: Failure[] = [];
  const events = [...steps(plan)];
  for (const step of events) {
    if (!('op' in step)) {
      options.report({ ...refOf(step), outcome: 'unchanged', dryRun: options.dryRun });
      continue;
    }
    if (step.op === 'delete' && failures.length > 0) {
      failures.push({ ...failureRef(step), cause: 'not pruned: an earlier change failed, and pruning waits until everything else applied' });
      continue;
    }
    try {
      await apply(step, options.dryRun);
      options.report({ ...refOf(step), outcome: OUTCOME[step.op], dryRun: options.dryRun });
    } catch (e) {
      failures.push({ ...failureRef(step), cause: e instanceof Error ? e.message : String(e) });
    }
  }
  return failures;
}

/** Every object of a plan in the order a sync reports it: unchanged ones among the applies of their level. */
export function* steps(plan: Plan): Generator<Change | ObjectRef> {
  const applies = plan.changes.filter((c) => c.op !== 'delete');
  const all: (Change | ObjectRef)[] = [...applies, ...plan.unchanged];
  const order = new Map(all.map((x, i) => [x, i] as const));
  yield* all.sort((a, b) => levelOf(a.kind) - levelOf(b.kind) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  yield* plan.changes.filter((c) => c.op === 'delete');
}

function failureRef(c: Change): Omit<Failure, 'cause'> {
  return { op: c.op, ...refOf(c) };
}

/** `created KongPlugin/acme-chat`, as kubectl prints it; dry runs say so. */
export function formatEvent(e: SyncEvent): string {
  return `${e.outcome} ${displayName(e)}${e.dryRun && e.outcome !== 'unchanged' ? ' (dry run)' : ''}`;
}

export function formatFailure(f: Failure): string {
  return `✖ could not ${f.op} ${displayName(f)}: ${f.cause}`;
}
