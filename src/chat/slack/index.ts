/**
 * The Slack adapter: slash commands through Bolt (HTTP or Socket Mode), Block Kit rendering, and paced,
 * idempotent posting of digests and alerts.
 * @module
 */
export { checkSlackToken, createSlackAdapter, type SlackAdapter, type SlackAdapterConfig } from './app.js';
export { classifySlackError, type SlackErrorClass } from './classify-error.js';
export { DELIVERY_EVENT_TYPE } from './post.js';
export { messageChars, renderSlackBlocks, SLACK_LIMITS, type SlackMessage } from './render-blocks.js';
