/** Prompt templates: `{template://name}` plus properties becomes the rendered request; a route that
 * allows only templates refuses anything else. */
import { OPENAI, single } from '../configs.ts';
import { defineCase } from '../define.ts';

const FEATURES = ['provider:openai', 'route:chat', 'streaming', 'policy:promptTemplates'] as const;
const SUMMARISE = '{"messages":[{"role":"system","content":"You summarise."},{"role":"user","content":"Summarise in {{words}} words: {{text}}"}]}';

export const templateCases = [
  defineCase({
    name: 'template-renders-properties',
    description: "A request naming a template is replaced by the template with the client's properties filled in.",
    features: FEATURES,
    config: single(OPENAI, 'gpt-4o', { route: { policies: { promptTemplates: { templates: [{ name: 'summarise', template: SUMMARISE }] } } } }),
    exchanges: [
      {
        request: { route: 'chat', body: { messages: '{template://summarise}', properties: { words: '5', text: 'Gateways route requests.' } } },
        expectResponse: { status: 200 },
        expectUpstream: {
          messages: [
            { role: 'system', content: 'You summarise.' },
            { role: 'user', content: 'Summarise in 5 words: Gateways route requests.' },
          ],
        },
      },
    ],
  }),
  defineCase({
    name: 'template-unknown-name',
    description: 'A request naming a template the route does not have gets 400.',
    features: FEATURES,
    config: single(OPENAI, 'gpt-4o', { route: { policies: { promptTemplates: { templates: [{ name: 'summarise', template: SUMMARISE }] } } } }),
    exchanges: [
      {
        request: { route: 'chat', body: { messages: '{template://translate}', properties: {} } },
        expectResponse: { status: 400, body: { error: { message: 'could not find template name [translate]' } } },
        expectUpstream: { called: false },
      },
    ],
  }),
  defineCase({
    name: 'template-only-route-refuses-free-prompts',
    description: 'With allowUntemplated: false, a plain chat request gets 400.',
    features: FEATURES,
    config: single(OPENAI, 'gpt-4o', { route: { policies: { promptTemplates: { templates: [{ name: 'summarise', template: SUMMARISE }], allowUntemplated: false } } } }),
    exchanges: [
      {
        request: { route: 'chat', prompt: 'Anything I like' },
        expectResponse: { status: 400, body: { error: { message: 'this LLM route only supports templated requests' } } },
        expectUpstream: { called: false },
      },
    ],
  }),
];
