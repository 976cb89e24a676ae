/** The promptDecorator policy as ai-prompt-decorator: messages before and after the client's. */
import type { PromptDecoratorPolicy, PromptMessage } from '../../../model/index.ts';
import { MAX_REQUEST_BODY_SIZE } from '../body-size.ts';
import type { KongPlugin } from '../plugin-types.ts';

export interface PromptDecoratorConfig {
  readonly prompts: { readonly prepend?: readonly PromptMessage[]; readonly append?: readonly PromptMessage[] };
  readonly max_request_body_size: number;
}

export function promptDecoratorPlugin(d: PromptDecoratorPolicy): KongPlugin<PromptDecoratorConfig> {
  const messages = (list: readonly PromptMessage[]) => (list.length > 0 ? list.map((m) => ({ role: m.role, content: m.content })) : undefined);
  return {
    name: 'ai-prompt-decorator',
    config: { prompts: { prepend: messages(d.prepend), append: messages(d.append) }, max_request_body_size: MAX_REQUEST_BODY_SIZE },
  };
}
