import { describe, expect, it } from 'vitest';
import { credentialsOf } from './credentials.ts';
import { tokenOf } from './secrets.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('credentialsOf', () => {
  it.each([
    [`Basic ${b64('admin:s3cret')}`, { id: 'admin', secret: 's3cret' }],
    [`basic ${b64('0123456789abcdef:a:b')}`, { id: '0123456789abcdef', secret: 'a:b' }],
    [`Bearer ${tokenOf('0123456789abcdef', 'x_y-z')}`, { id: '0123456789abcdef', secret: 'x_y-z' }],
    [`Basic ${b64(':nobody')}`, undefined],
    [`Basic ${b64('no-colon')}`, undefined],
    ['Basic not base64!', undefined],
    ['Bearer abc', undefined],
    ['Bearer sch_!!', undefined],
    ['Digest realm=x', undefined],
    ['Basic', undefined],
  ])('%s → %j', (header, expected) => {
    expect(credentialsOf(header)).toEqual(expected);
  });
});
