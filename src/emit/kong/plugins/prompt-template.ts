/** The promptTemplates policy as ai-prompt-template: named request bodies clients call with
 * `{template://name}`. */
import type { PromptTemplatesPolicy } from '../../../model/index.ts';
import { MAX_REQUEST_BODY_SIZE } from '../body-size.ts';
import type { KongPlugin } from '../plugin-types.ts';

export interface PromptTemplateConfig {
  readonly templates: readonly { readonly name: string; readonly template: string }[];
  readonly allow_untemplated_requests: boolean;
  readonly log_original_request: boolean;
  readonly max_request_body_size: number;
}

export function promptTemplatePlugin(t: PromptTemplatesPolicy): KongPlugin<PromptTemplateConfig> {
  return {
    name: 'ai-prompt-template',
    config: {
      templates: t.templates.map((x) => ({ name: x.name, template: x.template })),
      allow_untemplated_requests: t.allowUntemplated,
      log_original_request: t.logOriginalRequest,
      max_request_body_size: MAX_REQUEST_BODY_SIZE,
    },
  };
}
