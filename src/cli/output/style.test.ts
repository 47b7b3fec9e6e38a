import { describe, expect, it } from 'vitest';
import { styleFor } from './style.ts';

describe('styleFor', () => {
  it.each([
    { tty: true, noColor: undefined, coloured: true },
    { tty: true, noColor: '', coloured: true },
    { tty: true, noColor: '1', coloured: false },
    { tty: false, noColor: undefined, coloured: false },
    { tty: undefined, noColor: undefined, coloured: false },
  ])(
    'colours on a terminal unless NO_COLOR is set: tty=$tty NO_COLOR=$noColor',
    ({ tty, noColor, coloured }) => {
      const style = styleFor(tty === undefined ? {} : { isTTY: tty }, { NO_COLOR: noColor });
      expect(style.red('x') !== 'x').toBe(coloured);
    },
  );
});
