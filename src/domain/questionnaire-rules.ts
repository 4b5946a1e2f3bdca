// Cross-field rules of a questionnaire definition (ids unique, references resolve, ranges cover
// their span), written against unvalidated data so that they can also run when the structure is
// broken and one pass reports every problem.

/** The two forms every questionnaire defines. */
export const FORM_IDS = ['full', 'short'] as const;
/** Which form of a questionnaire a round uses. */
export type FormId = (typeof FORM_IDS)[number];

export type RawProblem = { path: (string | number)[]; message: string };

export function rec(x: unknown): Record<string, unknown> | undefined {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}
export function arr(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}
export function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}
export function int(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isInteger(x) ? x : undefined;
}

/** Check that ranges (sorted in the order given) cover from..to exactly, without gaps or overlaps. */
function checkCoverage(
  ranges: unknown[],
  minKey: string,
  maxKey: string,
  from: number,
  to: number | undefined,
  where: string,
  noun: string,
): RawProblem[] {
  const problems: RawProblem[] = [];
  let expected = from;
  let ok = true;
  ranges.forEach((r, i) => {
    const o = rec(r);
    const min = int(o?.[minKey]);
    const max = int(o?.[maxKey]);
    if (min === undefined || max === undefined) {
      ok = false;
      return;
    }
    if (min > max) {
      problems.push({ path: [where, i, maxKey], message: `${maxKey} (${max}) is below ${minKey} (${min})` });
      ok = false;
    }
    if (ok && min !== expected) {
      problems.push({
        path: [where, i, minKey],
        message:
          min > expected
            ? `Gap: nothing covers ${expected} to ${min - 1}; each ${noun} must start just after the previous one ends (list them from lowest to highest)`
            : `Overlap: ${min} is already covered; each ${noun} must start just after the previous one ends (list them from lowest to highest)`,
      });
      ok = false;
    }
    expected = max + 1;
  });
  if (ok && ranges.length > 0 && to !== undefined && expected - 1 !== to) {
    problems.push({
      path: [where, ranges.length - 1, maxKey],
      message: `The last ${noun} must end at ${to}, not ${expected - 1}`,
    });
  }
  return problems;
}

function checkUniqueIds(list: unknown[], where: string, noun: string): RawProblem[] {
  const problems: RawProblem[] = [];
  const first = new Map<string, number>();
  list.forEach((x, i) => {
    const id = str(rec(x)?.id);
    if (id === undefined) return;
    const at = first.get(id);
    if (at !== undefined) problems.push({ path: [where, i, 'id'], message: `The ${noun} id "${id}" is already used by ${where}[${at}]` });
    else first.set(id, i);
  });
  return problems;
}

/**
 * The cross-field rules, written against unvalidated data so that they can also run when the
 * structure is broken (every problem in one pass).
 */
export function crossFieldProblems(input: unknown): RawProblem[] {
  const q = rec(input);
  if (!q) return [];
  const problems: RawProblem[] = [];
  const bands = arr(q.bands);
  const ladderGroups = arr(q.ladderGroups);
  const themes = arr(q.themes);
  const items = arr(q.items);
  const roles = arr(q.roles);
  const flags = arr(q.flags);

  problems.push(...checkUniqueIds(bands, 'bands', 'band'));
  problems.push(...checkUniqueIds(ladderGroups, 'ladderGroups', 'ladder group'));
  problems.push(...checkUniqueIds(themes, 'themes', 'theme'));
  problems.push(...checkUniqueIds(items, 'items', 'item'));
  problems.push(...checkUniqueIds(roles, 'roles', 'role'));
  problems.push(...checkUniqueIds(flags, 'flags', 'flag'));

  problems.push(...checkCoverage(bands, 'min', 'max', 0, 100, 'bands', 'band'));

  const bandIds = bands.map((b) => str(rec(b)?.id)).filter((x): x is string => x !== undefined);
  const themeIds = new Set(themes.map((t) => str(rec(t)?.id)).filter((x): x is string => x !== undefined));
  const roleIds = new Set(roles.map((r) => str(rec(r)?.id)).filter((x): x is string => x !== undefined));
  const groupIds = new Set(ladderGroups.map((g) => str(rec(g)?.id)).filter((x): x is string => x !== undefined));
  const itemsById = new Map<string, Record<string, unknown>>();
  for (const it of items) {
    const o = rec(it);
    const id = str(o?.id);
    if (o && id !== undefined && !itemsById.has(id)) itemsById.set(id, o);
  }

  // Ladder: every ladder item has one option per rung; the groups cover 0..rungs-1.
  const ladderItems = items
    .map((it, i) => ({ o: rec(it), i }))
    .filter((x) => x.o?.kind === 'ladder' && Array.isArray(x.o.options));
  let rungs: number | undefined;
  const lastGroupMax = int(rec(ladderGroups[ladderGroups.length - 1])?.maxRung);
  if (lastGroupMax !== undefined) rungs = lastGroupMax + 1;
  if (ladderItems.length > 0 && Array.isArray(q.ladderGroups) && ladderGroups.length === 0) {
    problems.push({ path: ['ladderGroups'], message: 'Ladder items need ladder groups (e.g. doing to, doing for, doing with)' });
  }
  if (rungs === undefined && ladderItems.length > 0) rungs = arr(ladderItems[0].o?.options).length;
  problems.push(...checkCoverage(ladderGroups, 'minRung', 'maxRung', 0, undefined, 'ladderGroups', 'ladder group'));
  for (const { o, i } of ladderItems) {
    const n = arr(o?.options).length;
    if (rungs !== undefined && n !== rungs) {
      problems.push({
        path: ['items', i, 'options'],
        message: `A ladder item needs one option per rung: ${rungs} options (rungs 0 to ${rungs - 1}), not ${n}`,
      });
    }
  }

  themes.forEach((t, i) => {
    const o = rec(t);
    if (!o) return;
    for (const key of ['bandText', 'nextSteps'] as const) {
      const map = rec(o[key]);
      if (!map) continue;
      if (!Array.isArray(q.bands)) continue;
      for (const b of bandIds) if (!(b in map)) problems.push({ path: ['themes', i, key, b], message: `Missing for band "${b}"` });
      for (const k of Object.keys(map)) if (!bandIds.includes(k)) problems.push({ path: ['themes', i, key, k], message: `There is no band "${k}"` });
    }
  });

  items.forEach((it, i) => {
    const theme = str(rec(it)?.theme);
    if (theme !== undefined && Array.isArray(q.themes) && !themeIds.has(theme)) problems.push({ path: ['items', i, 'theme'], message: `There is no theme "${theme}"` });
  });

  const forms = rec(q.forms);
  const formSets: Record<string, Set<string>> = {};
  for (const form of FORM_IDS) {
    const list = arr(forms?.[form]);
    const seen = new Set<string>();
    let scored = 0;
    list.forEach((id, i) => {
      if (typeof id !== 'string') return;
      const item = itemsById.get(id);
      if (!item) {
        if (Array.isArray(q.items)) problems.push({ path: ['forms', form, i], message: `There is no item "${id}"` });
      } else if (item.kind !== 'comment') scored++;
      if (seen.has(id)) problems.push({ path: ['forms', form, i], message: `Item "${id}" is listed twice` });
      seen.add(id);
    });
    formSets[form] = seen;
    if (list.length > 0 && scored === 0 && Array.isArray(q.items)) problems.push({ path: ['forms', form], message: 'A form needs at least one practice or ladder item' });
  }
  arr(forms?.short).forEach((id, i) => {
    // Short-form results must be comparable item by item with the full form.
    if (typeof id === 'string' && itemsById.has(id) && !formSets.full.has(id)) {
      problems.push({ path: ['forms', 'short', i], message: `Item "${id}" is in the short form but not in the full form` });
    }
  });

  const checkRoles = (list: unknown, path: (string | number)[]) => {
    if (!Array.isArray(q.roles)) return;
    arr(list).forEach((r, j) => {
      if (typeof r === 'string' && !roleIds.has(r)) problems.push({ path: [...path, j], message: `There is no role "${r}"` });
    });
  };
  const checkLadderItem = (id: unknown, path: (string | number)[]) => {
    if (typeof id !== 'string' || !Array.isArray(q.items)) return;
    const item = itemsById.get(id);
    if (!item) problems.push({ path, message: `There is no item "${id}"` });
    else if (item.kind !== 'ladder') problems.push({ path, message: `Item "${id}" is not a ladder item` });
  };
  const checkGroup = (id: unknown, path: (string | number)[]) => {
    if (typeof id === 'string' && Array.isArray(q.ladderGroups) && !groupIds.has(id)) problems.push({ path, message: `There is no ladder group "${id}"` });
  };
  flags.forEach((f, i) => {
    const o = rec(f);
    if (!o) return;
    const at = (...rest: (string | number)[]) => ['flags', i, ...rest];
    if (o.kind === 'ladderAtMost') {
      checkLadderItem(o.item, at('item'));
      checkRoles(o.roles, at('roles'));
      const maxRung = int(o.maxRung);
      if (maxRung !== undefined && rungs !== undefined && maxRung >= rungs) {
        problems.push({ path: at('maxRung'), message: `The ladder has rungs 0 to ${rungs - 1}` });
      }
    }
    if (o.kind === 'gap' || o.kind === 'ladderMismatch') {
      checkRoles(o.groupA, at('groupA'));
      checkRoles(o.groupB, at('groupB'));
      const a = new Set(arr(o.groupA));
      arr(o.groupB).forEach((r, j) => {
        if (a.has(r)) problems.push({ path: at('groupB', j), message: `Role "${String(r)}" cannot be on both sides` });
      });
    }
    if (o.kind === 'gap' && Array.isArray(o.themes)) {
      o.themes.forEach((t, j) => {
        if (typeof t === 'string' && Array.isArray(q.themes) && !themeIds.has(t)) problems.push({ path: at('themes', j), message: `There is no theme "${t}"` });
      });
    }
    if (o.kind === 'ladderMismatch') {
      checkLadderItem(o.item, at('item'));
      checkGroup(o.groupAAtLeast, at('groupAAtLeast'));
      checkGroup(o.groupBAtMost, at('groupBAtMost'));
    }
  });
  return problems;
}

