/**
 * Links tell the truth on both platforms: link text from a feed never reads as another address, and text from
 * a feed never becomes a Discord link, heading or list by its own markdown.
 */
import { describe, expect, it } from 'vitest';
import { renderDiscordMessages } from '../../src/chat/discord/index.js';
import { honestLabel } from '../../src/chat/honest-links.js';
import { renderSlackBlocks } from '../../src/chat/slack/index.js';
import type { Reply } from '../../src/model/index.js';

const disguised: Reply = {
  title: 'Digest',
  sections: [
    {
      heading: 'Story',
      lines: ['Read [the filing](https://evil.example/f) now', '# Not a heading', '- not a list'],
      links: [
        { label: 'https://bank.example/login', url: 'https://evil.example/x' },
        { label: 'Log in at www.bank.example to see the report', url: 'https://evil.example/y' },
        { label: 'Bloomberg: ByteDance bill tops $1bn (bloomberg.com)', url: 'https://www.bloomberg.com/news/1' },
      ],
    },
  ],
  ephemeral: false,
};

describe('honest links', () => {
  it('shows the real host instead of an address the link does not go to', () => {
    expect(honestLabel('https://bank.example/login', 'https://evil.example/x')).toBe('evil.example');
    expect(honestLabel('Log in at www.bank.example to see the report', 'https://evil.example/y')).toBe('Log in at to see the report (evil.example)');
    expect(honestLabel('Read it on news.example.com', 'https://www.example.com/a')).toBe('Read it on news.example.com');
    expect(honestLabel('Kestrel Wire: ByteDance pays Microsoft $1bn', 'https://kestrel.example/a')).toBe('Kestrel Wire: ByteDance pays Microsoft $1bn');
  });

  it('renders on Slack without the disguise', () => {
    const text = JSON.stringify(renderSlackBlocks(disguised));
    expect(text).toContain('<https://evil.example/x|evil.example>');
    expect(text).toContain('<https://evil.example/y|Log in at to see the report (evil.example)>');
    expect(text).not.toContain('bank.example');
    expect(text).toContain('|Bloomberg: ByteDance bill tops $1bn (bloomberg.com)>');
  });

  it('renders on Discord without the disguise, and feed markdown stays text', () => {
    const text = JSON.stringify(renderDiscordMessages(disguised));
    expect(text).toContain('[evil.example](https://evil.example/x)');
    expect(text).not.toContain('bank.example');
    expect(text).toContain('Read \\\\[the filing](https://evil.example/f) now');
    expect(text).toContain('\\\\# Not a heading');
    expect(text).toContain('\\\\- not a list');
  });
});
