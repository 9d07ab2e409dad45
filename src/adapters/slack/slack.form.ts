/**
 * The core's forms (Reply.form) as Slack modals: `views.open` with the click's trigger_id, and the
 * view_submission that comes back parsed into the form's values. Text is plain_text and escaped, as in
 * slack.render.ts; Block Kit's limits are kept.
 */
import type { types } from '@slack/bolt';
import type { ReplyForm } from '../../core/replies.js';
import { truncateToLength } from '../../core/user-text.js';
import { escapeSlack } from './slack.render.js';

/** The callback_id of every studybot modal; the form's own id travels in private_metadata. */
export const FORM_CALLBACK_ID = 'studybot_form';

/** What a modal carries back in its private_metadata: the form, and where to answer once it is submitted. */
export interface FormMetadata {
  formId: string;
  channelId: string | undefined;
  /** The click's response_url: the confirmation is sent there, ephemeral, like every other reply. */
  responseUrl: string | undefined;
}

const plain = (text: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncateToLength(escapeSlack(text), max),
  emoji: false,
});

/** A form as a modal view (title ≤ 24, labels ≤ 2000, option texts ≤ 75, placeholders ≤ 150 characters). */
export function renderModal(form: ReplyForm, metadata: FormMetadata): types.ModalView {
  const blocks: types.KnownBlock[] = [{ type: 'section', text: plain(form.intro, 3000) }];
  for (const field of form.fields) {
    if (field.kind === 'choice') {
      blocks.push({
        type: 'input',
        block_id: field.name,
        label: plain(field.label, 2000),
        element: {
          type: 'static_select',
          action_id: field.name,
          options: field.options.map((o) => ({ text: plain(o.label, 75), value: o.value })),
        },
      });
    } else {
      blocks.push({
        type: 'input',
        block_id: field.name,
        optional: true,
        label: plain(field.label, 2000),
        element: {
          type: 'plain_text_input',
          action_id: field.name,
          max_length: field.maxLength,
          ...(field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {}),
        },
      });
    }
  }
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, 24),
    submit: plain(form.submitLabel, 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

type StateValues = Record<
  string,
  Record<string, { selected_option?: { value?: string } | null; value?: string | null }>
>;

/** The submitted values by field name (a select's chosen value, a text input's text); absent ones are empty. */
export function submittedValues(state: { values?: unknown } | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  const blocks = (state?.values ?? {}) as StateValues;
  for (const [blockId, actions] of Object.entries(blocks)) {
    for (const element of Object.values(actions ?? {})) {
      const value = element?.selected_option?.value ?? element?.value ?? '';
      values[blockId] = typeof value === 'string' ? value : '';
    }
  }
  return values;
}

/** The private_metadata of one of our modals, or undefined when it is not ours or not readable. */
export function parseMetadata(raw: string | undefined): FormMetadata | undefined {
  try {
    const parsed = JSON.parse(raw ?? '') as Partial<FormMetadata>;
    if (typeof parsed.formId !== 'string') return undefined;
    return {
      formId: parsed.formId,
      channelId: typeof parsed.channelId === 'string' ? parsed.channelId : undefined,
      responseUrl: typeof parsed.responseUrl === 'string' ? parsed.responseUrl : undefined,
    };
  } catch {
    return undefined;
  }
}
