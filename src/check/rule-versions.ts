/**
 * Plan versions of bonuses, red lines and rankings: the same rule written several times under one
 * name, each with `effective from "…" [until "…"]` right after its head. This collects the versions
 * of each name into one checked rule (the first version's fields on top, every version in
 * `versions`, sorted by start day), and runs the same date checks as commission tables and quotas
 * (PB5101 bad dates, PB5102 gaps, PB5103 overlaps; `versions.ts`). What may change between versions
 * (amounts, conditions, thresholds, groups, rewards) and what must not (PB5105) is the caller's
 * business: it compares a later version with the first through {@link RuleVersions.first}.
 */
import type * as A from '../language/ast.js';
import type { ErrorCode } from '../language/codes.js';
import type { VersionDays } from './model.js';
import { type WrittenVersion, checkCoverage, versionDates } from './versions.js';

type Report = (code: ErrorCode, span: A.Span, message: string, hint?: string) => void;

interface VersionedRule {
  name: A.Named;
  span: A.Span;
  effective?: A.EffectiveDates | null;
}

interface Group<R, E> {
  first: R;
  entry: E | null;
  written: WrittenVersion[];
  /** A version's dates were refused (PB5101): a gap it leaves is not reported again. */
  unreadable: boolean;
}

/** What a gap or an overlap of this kind of rule would mean, for PB5102 / PB5103. */
export interface VersionConsequences {
  gap: string;
  overlap: string;
}

/**
 * The versions of one kind of rule (`bonus`, `red line`, `ranking`).
 * `E` is the checked rule; `V` what one version holds besides its days.
 */
export class RuleVersions<R extends VersionedRule, E extends { versions?: (VersionDays & V)[] }, V> {
  private readonly groups = new Map<string, Group<R, E>>();

  constructor(
    /** How messages name the rule: `bonus`, `red line`, `ranking`. */
    private readonly what: string,
    private readonly consequences: VersionConsequences,
    private readonly report: Report,
  ) {}

  /** The first version written under `rule`'s name when `rule` is a later version of it; else null. */
  first(rule: R): R | null {
    if (!rule.effective) return null;
    return this.groups.get(rule.name.name)?.first ?? null;
  }

  /**
   * Records one written rule.
   * @param checked the rule as checked (null when its expressions had errors).
   * @param version the fields this version holds, read from `checked`.
   * @returns the entry to add to the playbook's list: `checked` for a rule without versions, the
   *   collected rule for the first version of a name, null for a later version (or nothing usable).
   */
  add(rule: R, checked: E | null, version: (c: E) => V): E | null {
    const effective = rule.effective ?? null;
    if (!effective) return checked;
    const dates = versionDates(effective, `this version of ${this.what} "${rule.name.name}"`, this.report);
    let group = this.groups.get(rule.name.name);
    let fresh: E | null = null;
    if (!group) {
      group = { first: rule, entry: checked ? { ...checked, versions: [] } : null, written: [], unreadable: false };
      this.groups.set(rule.name.name, group);
      fresh = group.entry;
    }
    if (!dates) {
      group.unreadable = true;
      return fresh;
    }
    group.written.push({ dates, effective });
    if (checked && group.entry) group.entry.versions!.push({ ...dates, ...version(checked) });
    return fresh;
  }

  /**
   * Checks that the versions of each name cover the plan period once (PB5102, PB5103), sorts them by
   * start day and puts the first version's fields on top of the collected rule.
   * @param plan the plan period's first and last day numbers.
   */
  finish(plan: { first: number; last: number }): void {
    for (const [name, g] of this.groups) {
      if (!g.unreadable) checkCoverage(`${this.what} "${name}"`, g.written, plan, this.report, this.consequences);
      if (!g.entry) continue;
      const versions = g.entry.versions!;
      versions.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
      if (versions.length > 0) {
        const { from: _from, until: _until, ...fields } = versions[0];
        Object.assign(g.entry, fields);
      }
    }
  }
}
