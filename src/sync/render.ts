/** How a plan is shown: a unified diff of each changed object as YAML (keys sorted, so the diff is
 * about values, not order), colored only when asked, or JSON for machines. Secret fields are
 * masked before anything is rendered. */
import { structuredPatch } from 'diff';
import { stringify } from 'yaml';
import { displayName, type Change, type Plan } from './change.ts';
import { maskChange, type SecretFields } from './mask.ts';
import { summarise } from './plan.ts';

export interface RenderOptions {
  readonly color: boolean;
  readonly secretFields?: SecretFields;
}

const CONTEXT_LINES = 3;
const SIGN = { create: '+', update: '~', delete: '-' } as const;
const VERB = { create: 'create', update: 'update', delete: 'delete' } as const;

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export function renderPlanText(plan: Plan, options: RenderOptions): string {
  const parts = plan.changes.map((c) => renderChange(maskChange(c, options.secretFields ?? {}), options.color));
  parts.push(summaryLine(plan));
  return `${parts.join('\n\n')}\n`;
}

export function renderChange(change: Change, color: boolean): string {
  const title = paint(color, '1', `${SIGN[change.op]} ${VERB[change.op]} ${displayName(change)}${change.namespace ? ` (namespace ${change.namespace})` : ''}`);
  const before = change.before === undefined ? '' : toText(change.before);
  const after = change.after === undefined ? '' : toText(change.after);
  const patch = structuredPatch('live', 'desired', before, after, undefined, undefined, { context: CONTEXT_LINES });
  const lines = [title, paint(color, '31', `--- ${change.before === undefined ? '/dev/null' : `live ${displayName(change)}`}`), paint(color, '32', `+++ ${change.after === undefined ? '/dev/null' : `desired ${displayName(change)}`}`)];
  for (const h of patch.hunks) {
    // An empty range names the line before it, as GNU diff writes `@@ -0,0 +1,13 @@` for a new file.
    const start = (at: number, n: number) => (n === 0 ? at - 1 : at);
    lines.push(paint(color, '36', `@@ -${start(h.oldStart, h.oldLines)},${h.oldLines} +${start(h.newStart, h.newLines)},${h.newLines} @@`));
    for (const l of h.lines) {
      if (l.startsWith('\\')) continue; // "\ No newline at end of file" cannot happen: YAML ends with one
      lines.push(l.startsWith('+') ? paint(color, '32', l) : l.startsWith('-') ? paint(color, '31', l) : l);
    }
  }
  return lines.join('\n');
}

export function summaryLine(plan: Plan): string {
  const s = summarise(plan);
  if (plan.changes.length === 0) return `No changes. ${s.unchanged} object${s.unchanged === 1 ? '' : 's'} up to date.`;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.unchanged} unchanged.`;
}

/** The changes with masked bodies, the unchanged objects, and the counts. */
export function planToJson(plan: Plan, options: Omit<RenderOptions, 'color'>): { changes: Change[]; unchanged: Plan['unchanged']; summary: ReturnType<typeof summarise> } {
  return { changes: plan.changes.map((c) => maskChange(c, options.secretFields ?? {})), unchanged: plan.unchanged, summary: summarise(plan) };
}

export function renderPlanJson(plan: Plan, options: Omit<RenderOptions, 'color'>): string {
  return `${JSON.stringify(planToJson(plan, options), null, 2)}\n`;
}

function toText(value: unknown): string {
  return stringify(value, { sortMapEntries: true, lineWidth: 0, indent: 2, aliasDuplicateObjects: false });
}
