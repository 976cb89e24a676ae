/** Turns a case into what the runner needs: the model (built by the same pipeline as a user's
 * config) and runnable steps (route names resolved to paths, prompts to bodies). */
import { isAbsolute, resolve } from 'node:path';
import { buildProject, loadProject } from '../../compile/index.ts';
import { error, type Diagnostic, type Result } from '../../diagnostics/index.ts';
import type { MockReply } from '../../mock/index.ts';
import type { GatewayModel, TestStep } from '../../model/index.ts';
import type { RunnableStep } from '../step.ts';
import type { ConformanceCase, Exchange } from './case.ts';

export interface BuiltCase {
  readonly model: GatewayModel;
  readonly steps: readonly RunnableStep[];
}

/** @param root where a case's config path is relative to (the repository root) */
export async function buildCase(c: ConformanceCase, root: string): Promise<Result<BuiltCase>> {
  const built = typeof c.config === 'string' ? await loadProject(isAbsolute(c.config) ? c.config : resolve(root, c.config)) : buildProject(c.config);
  if (!built.ok) return built;
  const model = built.value.model;
  const problems: Diagnostic[] = [];
  const steps = c.exchanges.map((e, i) => toStep(e, model, ['exchanges', i], problems));
  return problems.length > 0 ? { ok: false, diagnostics: problems } : { ok: true, value: { model, steps }, warnings: built.warnings };
}

function toStep(e: Exchange, model: GatewayModel, at: (string | number)[], problems: Diagnostic[]): RunnableStep {
  const r = e.request;
  let path = r.path;
  if (r.route !== undefined) {
    const route = model.routes.find((x) => x.name === r.route);
    path = route?.paths.find((p) => !p.startsWith('~'));
    if (path === undefined) problems.push(error('unknown_reference', [...at, 'request', 'route'], `route "${r.route}" is not in the case's config, or has only regex paths`));
  }
  if (path === undefined && r.route === undefined) problems.push(error('missing_required', [...at, 'request'], 'an exchange request names a route or a path'));
  for (const m of Object.keys(e.mock ?? {})) {
    if (!model.models.some((x) => x.name === m)) problems.push(error('unknown_reference', [...at, 'mock', m], `model "${m}" is not in the case's config`));
  }
  const body = r.prompt !== undefined ? { messages: [{ role: 'user', content: r.prompt }] } : r.body;
  const step: TestStep = {
    request: {
      path: path ?? '/',
      ...(r.consumer !== undefined && { consumer: r.consumer }),
      ...(r.key !== undefined && { key: r.key }),
      headers: r.headers ?? {},
      ...(body !== undefined && { body }),
    },
    mock: {},
    expect: { ...e.expectResponse, ...(e.expectUpstream !== undefined && { upstream: e.expectUpstream }) },
    repeat: e.repeat ?? 1,
  };
  const replies: Record<string, readonly MockReply[]> = {};
  for (const [m, list] of Object.entries(e.mock ?? {})) replies[m] = Array.isArray(list) ? (list as readonly MockReply[]) : [list as MockReply];
  return { step, replies };
}
