// When sent answers may join a round's published results. If results changed with every answer,
// comparing the report just before and just after someone answered would give that person's
// answers (and group). So answers wait, and join the results only in batches that add, to every
// figure they change, either nobody or at least k people.
import { normaliseMinGroupSize } from './anonymity';

/** What the rule needs to know about one waiting response: its group and the cells it adds to. */
export type PendingSummary = {
  role: string;
  /** themes the person has a score for */
  themes: readonly string[];
  /** scored items the person answered with something other than "Don't know" */
  items: readonly string[];
};

/**
 * Which waiting responses may be released now (their indices, in input order).
 *
 * - Before anything was ever published (`firstRelease`), all of them: there is no earlier report to
 *   compare with, and the usual suppression protects small groups within the one publication.
 * - After that, the responses of each group whose waiting responses add at least k people to the
 *   group and, for every theme and every question, either none or at least k: so every published
 *   figure (the group's, and everyone's, which is a sum of groups) moves by 0 or by k or more people
 *   between two reports. A group that is not ready keeps waiting for more of its people.
 */
export function releasable(pending: readonly PendingSummary[], minGroupSize: number, firstRelease: boolean): number[] {
  if (firstRelease) return pending.map((_, i) => i);
  const k = normaliseMinGroupSize(minGroupSize);
  const byRole = new Map<string, number[]>();
  pending.forEach((p, i) => byRole.set(p.role, [...(byRole.get(p.role) ?? []), i]));
  const out: number[] = [];
  for (const indices of byRole.values()) {
    if (indices.length < k) continue;
    const cells = new Map<string, number>();
    for (const i of indices) {
      for (const t of pending[i].themes) cells.set(`theme:${t}`, (cells.get(`theme:${t}`) ?? 0) + 1);
      for (const it of pending[i].items) cells.set(`item:${it}`, (cells.get(`item:${it}`) ?? 0) + 1);
    }
    if ([...cells.values()].every((n) => n >= k)) out.push(...indices);
  }
  return out.sort((a, b) => a - b);
}
