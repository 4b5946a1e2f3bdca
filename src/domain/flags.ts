// Flags: patterns in a round's answers worth talking about, declared as data in the questionnaire
// (consultation rather than co-production, groups that see a theme differently, a risk of
// tokenism). A flag may only use what the report may show: each side of a comparison is made of
// the groups shown for that theme or item (see `decideDisclosure`), and a flag with no side to
// compare says "not enough people" and publishes no figures at all.
import type { CellDisclosure } from './anonymity';
import { formThemes, type Flag, type FormId, type LadderItem, type Questionnaire } from './questionnaire';
import { mergeItemCounts, mergeThemeMoments, type GroupAggregate, type RoundAggregate } from './rubric';
import { summaryFromMoments, welchTest, type Summary, type WelchResult } from './stats';

/** Names a role for people: the round's own label where it has one. */
export type RoleLabeller = (roleId: string) => string;

/** What may be shown per theme and per scored item of the form (from `decideDisclosure`). */
export type FlagDisclosure = {
  themes: Record<string, CellDisclosure>;
  items: Record<string, CellDisclosure>;
};

/** One side of a comparison: which roles were used and their summary on the theme. */
export type GapSide = { roles: string[]; label: string; summary: Summary };

/** The gap between two sets of roles on one theme. */
export type ThemeGap = {
  themeId: string;
  a: GapSide;
  b: GapSide;
  /** mean of a minus mean of b; null when either side has no score */
  difference: number | null;
  /** Welch's test of the difference; null when either side has n < 2 or no spread */
  welch: WelchResult | null;
};

/** "A", "A and B", "A, B and C". */
export function listLabel(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

const questionnaireLabeller = (q: Questionnaire): RoleLabeller => (id) => q.roles.find((r) => r.id === id)?.label ?? id;

/**
 * The label of a side: the flag's own label only when every role it names takes part, otherwise
 * the names of the roles actually compared (a flag about "people with lived experience and carers"
 * must not say so when only carers could be shown).
 */
function sideLabel(declared: readonly string[], used: readonly string[], declaredLabel: string | undefined, labelOf: RoleLabeller): string {
  if (declaredLabel && declared.length === used.length && declared.every((r) => used.includes(r))) return declaredLabel;
  return listLabel(used.map(labelOf));
}

/**
 * The gap between two sets of roles on one theme (each side's aggregates merged). Pass only roles
 * that may be shown for the theme.
 */
export function themeGap(
  aggregate: RoundAggregate,
  themeId: string,
  rolesA: readonly string[],
  rolesB: readonly string[],
  labels: { a: string; b: string },
): ThemeGap {
  const ma = mergeThemeMoments(aggregate, rolesA, themeId);
  const mb = mergeThemeMoments(aggregate, rolesB, themeId);
  const sa = summaryFromMoments(ma?.n ?? 0, ma?.sum ?? 0, ma?.sumSq ?? 0);
  const sb = summaryFromMoments(mb?.n ?? 0, mb?.sum ?? 0, mb?.sumSq ?? 0);
  const difference = sa.mean !== null && sb.mean !== null ? sa.mean - sb.mean : null;
  const welch =
    sa.mean !== null && sb.mean !== null && sa.sd !== null && sb.sd !== null
      ? welchTest({ n: sa.n, mean: sa.mean, sd: sa.sd }, { n: sb.n, mean: sb.mean, sd: sb.sd })
      : null;
  return { themeId, a: { roles: [...rolesA], label: labels.a, summary: sa }, b: { roles: [...rolesB], label: labels.b, summary: sb }, difference, welch };
}

/**
 * The gap between two sets of roles on each theme of the form. Pass only roles that may be shown.
 */
export function themeGaps(
  q: Questionnaire,
  form: FormId,
  aggregate: RoundAggregate,
  rolesA: readonly string[],
  rolesB: readonly string[],
  labels: { a?: string; b?: string } = {},
): ThemeGap[] {
  const labelOf = questionnaireLabeller(q);
  const l = { a: labels.a ?? listLabel(rolesA.map(labelOf)), b: labels.b ?? listLabel(rolesB.map(labelOf)) };
  return formThemes(q, form).map(({ theme }) => themeGap(aggregate, theme.id, rolesA, rolesB, l));
}

/**
 * raised / notRaised: evaluated; notEnoughPeople: a side had nobody who may be shown (or the
 * whole had fewer than the minimum group size), so the flag says nothing either way and gives no
 * figures; notInForm: the item or theme the flag needs is not in this form.
 */
export type FlagStatus = 'raised' | 'notRaised' | 'notEnoughPeople' | 'notInForm';

/** Evidence for a ladder share: how many answered, how many matched, the share. */
export type LadderShareEvidence = { roles: string[] | 'all'; label: string; answered: number; matching: number; share: number | null };

export type FlagEvidence =
  | { kind: 'ladderAtMost'; itemId: string; maxRung: number; maxRungLabel: string; threshold: number; side: LadderShareEvidence }
  | { kind: 'gap'; threshold: number; gap: ThemeGap }
  | {
      kind: 'ladderMismatch';
      itemId: string;
      threshold: number;
      groupAAtLeast: string;
      groupBAtMost: string;
      a: LadderShareEvidence;
      b: LadderShareEvidence;
    };

/** The outcome of one flag (on one theme, for gap flags). */
export type FlagResult = {
  /** the flag's id in the definition (gap flags give one result per theme, all with this id) */
  id: string;
  kind: Flag['kind'];
  title: string;
  description: string;
  /** the theme the result concerns: the ladder item's theme, or the theme of a gap */
  themeId: string;
  status: FlagStatus;
  raised: boolean;
  /**
   * The figures behind the verdict, only when there is one (raised or not raised): every figure
   * in it is a sum of cells the report shows. null for "not enough people" and "not in form".
   */
  evidence: FlagEvidence | null;
};

function ladderSide(
  aggregate: RoundAggregate,
  roles: readonly string[] | 'all',
  label: string,
  itemId: string,
  match: (rung: number) => boolean,
): LadderShareEvidence {
  const groups = roles === 'all' ? Object.values(aggregate) : roles.map((r) => aggregate[r]).filter((g): g is GroupAggregate => g !== undefined);
  const counts = mergeItemCounts(groups, itemId);
  let answered = 0;
  let matching = 0;
  counts.forEach((c, rung) => {
    answered += c;
    if (match(rung)) matching += c;
  });
  return { roles: roles === 'all' ? 'all' : [...roles], label, answered, matching, share: answered > 0 ? matching / answered : null };
}

const NOBODY: CellDisclosure = { overall: false, roles: [] };

/**
 * Evaluate every flag the questionnaire declares, using only what `disclosure` lets the report show.
 *
 * - `ladderAtMost`: raised when more than `share` of the ladder answers (excluding "Don't know")
 *   are at `maxRung` or below. Without `roles` it uses everyone (when the item's overall
 *   distribution may be shown); with `roles`, those of them shown for the item.
 * - `gap`: per theme, the roles of each side shown for that theme are merged; raised when the
 *   means differ by `threshold` points or more (either direction). Welch's test is in the evidence.
 * - `ladderMismatch`: raised when more than `share` of side A (roles shown for the item) answer in
 *   `groupAAtLeast` or higher while more than `share` of side B answer in `groupBAtMost` or lower.
 *
 * Each shown role holds at least the minimum group size of answers, so a side with any role in it
 * is large enough; a side with none makes the status `notEnoughPeople`, never a silent "not raised".
 */
export function evaluateFlags(
  q: Questionnaire,
  form: FormId,
  aggregate: RoundAggregate,
  disclosure: FlagDisclosure,
  labelOf: RoleLabeller = questionnaireLabeller(q),
): FlagResult[] {
  const inForm = new Set(q.forms[form]);
  const formThemeIds = new Set(formThemes(q, form).map((t) => t.theme.id));
  const out: FlagResult[] = [];
  const base = (flag: Flag, themeId: string) => ({ id: flag.id, kind: flag.kind, title: flag.title, description: flag.description, themeId });
  const push = (flag: Flag, themeId: string, status: FlagStatus, evidence: FlagEvidence | null) =>
    out.push({ ...base(flag, themeId), status, raised: status === 'raised', evidence: status === 'raised' || status === 'notRaised' ? evidence : null });

  for (const flag of q.flags) {
    if (flag.kind === 'gap') {
      for (const themeId of flag.themes === 'all' ? formThemeIds : flag.themes) {
        if (!formThemeIds.has(themeId)) {
          push(flag, themeId, 'notInForm', null);
          continue;
        }
        const shown = disclosure.themes[themeId] ?? NOBODY;
        const a = flag.groupA.filter((r) => shown.roles.includes(r));
        const b = flag.groupB.filter((r) => shown.roles.includes(r));
        const gap = themeGap(aggregate, themeId, a, b, {
          a: sideLabel(flag.groupA, a, flag.groupALabel, labelOf),
          b: sideLabel(flag.groupB, b, flag.groupBLabel, labelOf),
        });
        const status: FlagStatus =
          a.length === 0 || b.length === 0 || gap.difference === null ? 'notEnoughPeople' : Math.abs(gap.difference) >= flag.threshold ? 'raised' : 'notRaised';
        push(flag, themeId, status, { kind: 'gap', threshold: flag.threshold, gap });
      }
      continue;
    }

    const item = q.items.find((i): i is LadderItem => i.id === flag.item && i.kind === 'ladder');
    // The schema guarantees the item exists and is a ladder item.
    if (!item) continue;
    if (!inForm.has(item.id)) {
      push(flag, item.theme, 'notInForm', null);
      continue;
    }
    const shown = disclosure.items[item.id] ?? NOBODY;

    if (flag.kind === 'ladderAtMost') {
      const roles = flag.roles ? flag.roles.filter((r) => shown.roles.includes(r)) : 'all';
      const label = roles === 'all' ? 'Everyone' : sideLabel(flag.roles ?? [], roles, undefined, labelOf);
      const side = ladderSide(aggregate, roles, label, item.id, (r) => r <= flag.maxRung);
      const enough = roles === 'all' ? shown.overall : roles.length > 0;
      const status: FlagStatus = !enough || side.share === null ? 'notEnoughPeople' : side.share > flag.share ? 'raised' : 'notRaised';
      push(flag, item.theme, status, { kind: 'ladderAtMost', itemId: item.id, maxRung: flag.maxRung, maxRungLabel: item.options[flag.maxRung], threshold: flag.share, side });
      continue;
    }

    // ladderMismatch
    const groupA = q.ladderGroups.find((g) => g.id === flag.groupAAtLeast);
    const groupB = q.ladderGroups.find((g) => g.id === flag.groupBAtMost);
    if (!groupA || !groupB) continue;
    const rolesA = flag.groupA.filter((r) => shown.roles.includes(r));
    const rolesB = flag.groupB.filter((r) => shown.roles.includes(r));
    const a = ladderSide(aggregate, rolesA, sideLabel(flag.groupA, rolesA, flag.groupALabel, labelOf), item.id, (r) => r >= groupA.minRung);
    const b = ladderSide(aggregate, rolesB, sideLabel(flag.groupB, rolesB, flag.groupBLabel, labelOf), item.id, (r) => r <= groupB.maxRung);
    const status: FlagStatus =
      rolesA.length === 0 || rolesB.length === 0 || a.share === null || b.share === null
        ? 'notEnoughPeople'
        : a.share > flag.share && b.share > flag.share
          ? 'raised'
          : 'notRaised';
    push(flag, item.theme, status, { kind: 'ladderMismatch', itemId: item.id, threshold: flag.share, groupAAtLeast: groupA.id, groupBAtMost: groupB.id, a, b });
  }
  return out;
}
