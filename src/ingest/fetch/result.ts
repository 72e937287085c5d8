import type { FetchResult } from '../types.js';

/** The failed branch of FetchResult, which most helpers here return. */
export type FetchFailure = Extract<FetchResult, { status: 'failed' }>;
