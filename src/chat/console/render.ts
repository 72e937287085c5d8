/**
 * The console adapter's rendering: a Reply as plain text for the terminal.
 * @module
 */
import type { Reply } from '../../model/index.js';

/** Renders a reply as readable plain text. */
export function renderReplyText(reply: Reply): string {
  const out: string[] = [reply.title, '='.repeat(Math.min(80, [...reply.title].length))];
  if (reply.summary) out.push(reply.summary);
  for (const section of reply.sections) {
    out.push('');
    if (section.heading) out.push(`## ${section.heading}`);
    for (const line of section.lines) out.push(line);
    for (const field of section.fields ?? []) out.push(`  ${field.name}: ${field.value}`);
    for (const link of section.links ?? []) out.push(`  → ${link.label} <${link.url}>`);
  }
  if (reply.context) out.push('', reply.context);
  return `${out.join('\n')}\n`;
}
