/**
 * Text from feeds must never ping anyone. Every message passes through here before any platform sees it.
 * @module
 */

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Breaks every mention form of Slack and Discord: `@everyone`, `@here`, `@channel`, `<@U123>`, `<@!123>`,
 * `<@&role>`, `<#C123>`, `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^S1>`. The text still reads the same.
 */
export function neutralizeMentions(text: string): string {
  return text
    .replace(/@(everyone|here|channel)\b/giu, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<([@#!])/gu, `<${ZERO_WIDTH_SPACE}$1`);
}
