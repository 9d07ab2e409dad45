/**
 * Slack surfaces beyond messages: the App Home tab (`views.publish`) from the core's home sections, and a
 * modal (`views.open`) from a core form, with the submitted values read back by field name. Text follows
 * the same rules as messages (slack.render.ts): plain_text only, escaped, cut to Block Kit's limits.
 */
import type { types } from '@slack/bolt';
import type { DialogField, Reply, ReplyDialog } from '../../core/replies.js';
import { truncateToLength } from '../../core/user-text.js';
import { escapeSlack, renderReply } from './slack.render.js';

/** A home tab holds at most 100 blocks. */
const MAX_HOME_BLOCKS = 100;
/** The modal's callback id: `studybot_dialog:<dialog id>`, so the submission names its form. */
export const FORM_CALLBACK_PREFIX = 'studybot_dialog:';
/** Every input's action id; its block id is the field's name. */
export const FIELD_ACTION_ID = 'value';

const plain = (text: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncateToLength(escapeSlack(text), max) || ' ',
  emoji: false,
});

/**
 * The home tab: each section rendered like a message, a divider between them. Block ids are made unique per
 * section (Slack refuses a view with two equal ones). `privateMetadata` travels back with its buttons.
 */
export function renderHome(sections: Reply[], privateMetadata: string): types.HomeView {
  const blocks = sections.flatMap((section, i): types.KnownBlock[] => [
    ...(i > 0 ? [{ type: 'divider' } as types.DividerBlock] : []),
    ...renderReply(section).blocks.map((block) =>
      block.block_id ? { ...block, block_id: `${block.block_id}_s${i}` } : block,
    ),
  ]);
  return { type: 'home', blocks: blocks.slice(0, MAX_HOME_BLOCKS), private_metadata: privateMetadata };
}

/** One form field as an input block: a channel picker, a static select or a text input. */
function inputBlock(field: DialogField): types.InputBlock {
  const base = {
    type: 'input' as const,
    block_id: field.name,
    label: plain(field.label, 2000),
    optional: !field.required,
  };
  if (field.input === 'channel')
    return {
      ...base,
      element: {
        type: 'conversations_select',
        action_id: FIELD_ACTION_ID,
        ...(field.initial ? { initial_conversation: field.initial } : {}),
        default_to_current_conversation: true,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      },
    };
  if (field.input === 'select') {
    const options = (field.choices ?? []).slice(0, 100).map((c) => ({
      text: plain(c.label, 75),
      value: c.value.slice(0, 150),
    }));
    const initial = options.find((o) => o.value === field.initial);
    return {
      ...base,
      element: {
        type: 'static_select',
        action_id: FIELD_ACTION_ID,
        options,
        ...(initial ? { initial_option: initial } : {}),
      },
    };
  }
  return {
    ...base,
    element: {
      type: 'plain_text_input',
      action_id: FIELD_ACTION_ID,
      ...(field.initial ? { initial_value: field.initial } : {}),
      ...(field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {}),
      ...(field.maxLength ? { max_length: field.maxLength } : {}),
    },
  };
}

/** A core form as a modal: one input block per field, Save and Cancel. */
export function renderForm(form: ReplyDialog): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK_PREFIX}${form.id}`,
    title: plain(form.title, 24),
    submit: plain(form.submit, 24),
    close: plain('Cancel', 24),
    blocks: form.fields.map(inputBlock),
  };
}

/** A submitted modal's state, as Slack sends it: block id → action id → the element's value. */
type ViewState = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_option?: { value?: string } | null;
      selected_conversation?: string | null;
    }
  >
>;

/** The submitted values by field name (text, selected option or conversation); unset fields are left out. */
export function formValues(state: { values: ViewState } | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, actions] of Object.entries(state?.values ?? {})) {
    const element = actions[FIELD_ACTION_ID];
    const value = element?.value ?? element?.selected_option?.value ?? element?.selected_conversation;
    if (typeof value === 'string' && value !== '') out[name] = value;
  }
  return out;
}
