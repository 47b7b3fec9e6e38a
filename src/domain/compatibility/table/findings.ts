/** Building table findings: the rule's severity and hint, the two models' names in the message. */
import { tableRule, type TableRuleId } from './rules.ts';
import type { TableSeverity, TableViolation } from './types.ts';

/** How messages name the two models: `old` is the one code was written for, `new` the one it runs on. */
export interface DiffNames {
  old: string;
  new: string;
}

export const DEFAULT_NAMES: DiffNames = { old: 'the old version', new: 'the new version' };

export class Findings {
  readonly list: TableViolation[] = [];

  constructor(readonly names: DiffNames) {}

  add(id: TableRuleId, paths: { old: string; new: string }, message: string, severity?: TableSeverity): void {
    const rule = tableRule(id);
    this.list.push({
      rule: id,
      oldPath: paths.old,
      newPath: paths.new,
      message: message.replaceAll('{old}', this.names.old).replaceAll('{new}', this.names.new),
      severity: severity ?? (rule.severity === 'ok' ? 'info' : rule.severity),
      hint: rule.hint,
      direction: 'BACKWARD',
    });
  }
}

/** `(a, b)` */
export const columnList = (columns: readonly string[]): string => `(${columns.join(', ')})`;
