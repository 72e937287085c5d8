import { describe, expect, it } from 'vitest';
import { jsonParam } from '../../src/db/json-param.js';

describe('jsonParam', () => {
  it('drops NUL and replaces a lone surrogate, keeping pairs and text that only looks like an escape', () => {
    const value = { nul: 'a\u0000b', cut: 'Trunc \ud83d', low: '\udc00x', pair: 'ok 😀', path: 'C:\\u0000\\ud83d', deep: ['\ud800'] };
    expect(JSON.parse(jsonParam(value))).toEqual({ nul: 'ab', cut: 'Trunc \ufffd', low: '\ufffdx', pair: 'ok 😀', path: 'C:\\u0000\\ud83d', deep: ['\ufffd'] });
  });
});
