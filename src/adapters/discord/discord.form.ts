/**
 * The core's forms (Reply.form) as Discord modals (interaction response type 9): a string select for a
 * choice and a paragraph text input, each in a Label component; and a MODAL_SUBMIT interaction's fields
 * back into the form's values. Discord shows modal text as typed (no markdown), so nothing is escaped;
 * lengths are cut to Discord's limits.
 */
import {
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import type { ReplyForm } from '../../core/replies.js';
import { truncate } from './discord.render.js';

/** A form as a modal: title ≤ 45, labels ≤ 45, descriptions and option labels ≤ 100 characters. */
export function modalOf(form: ReplyForm): APIModalInteractionResponseCallbackData {
  return {
    custom_id: truncate(form.id, 100),
    title: truncate(form.title, 45),
    components: form.fields.map((field, i) => {
      // The first field carries what the form is about (the question) as its description.
      const description = i === 0 ? { description: truncate(form.intro, 100) } : {};
      if (field.kind === 'choice') {
        return {
          type: ComponentType.Label,
          label: truncate(field.label, 45),
          ...description,
          component: {
            type: ComponentType.StringSelect,
            custom_id: field.name,
            required: true,
            min_values: 1,
            max_values: 1,
            options: field.options.map((o) => ({ label: truncate(o.label, 100), value: o.value })),
          },
        };
      }
      return {
        type: ComponentType.Label,
        label: truncate(field.label, 45),
        ...description,
        component: {
          type: ComponentType.TextInput,
          custom_id: field.name,
          style: TextInputStyle.Paragraph,
          required: false,
          max_length: field.maxLength,
          ...(field.placeholder ? { placeholder: truncate(field.placeholder, 100) } : {}),
        },
      };
    }),
  };
}

/** The submitted values by field (custom_id): a select's first value, a text input's text. */
export function modalValues(interaction: ModalSubmitInteraction): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [id, field] of interaction.fields.fields) {
    const f = field as { value?: unknown; values?: readonly unknown[] };
    const value = f.values?.[0] ?? f.value ?? '';
    values[id] = typeof value === 'string' ? value : '';
  }
  return values;
}
