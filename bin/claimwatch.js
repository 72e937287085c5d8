#!/usr/bin/env node
// Runs the TypeScript CLI in this same process (tsx's loader registered in-process), so signals and
// kill -9 reach the bot itself and no orphan process keeps the data folder's lock.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
