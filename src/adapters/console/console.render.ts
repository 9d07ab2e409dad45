import type { Reply } from '../../core/replies.js';

export interface RenderOptions {
  /** ANSI bold and dim for a terminal; plain text when piped. */
  color: boolean;
}

/** Renders a neutral reply as plain terminal text. */
export function renderConsoleReply(reply: Reply, { color }: RenderOptions): string {
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[22m` : s);
  const dim = (s: string) => (color ? `\u001b[2m${s}\u001b[22m` : s);
  // Nothing a user typed may move the cursor or recolour the terminal.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  const out: string[] = [];
  const where = reply.visibility === 'channel' ? '[#channel]' : '[only you]';
  out.push(dim(where) + (reply.title ? ` ${bold(clean(reply.title))}` : ''));
  for (const line of reply.lines) out.push(clean(line));
  for (const field of reply.fields ?? []) out.push(`${bold(`${clean(field.label)}:`)} ${clean(field.value)}`);
  const buttons = reply.buttons ?? [];
  if (buttons.length > 0) {
    const letters = buttons.every((b) => /^[A-E]$/.test(b.label));
    out.push(
      letters
        ? dim(`Answer by typing a letter: ${buttons.map((b) => b.label).join(' ')}`)
        : dim(
            `Buttons: ${buttons.map((b, i) => `[${i + 1}] ${clean(b.label)}`).join('  ')} (type the number)`,
          ),
    );
  }
  if (reply.footer) out.push(dim(clean(reply.footer)));
  return out.join('\n');
}
