/**
 * The order of the series for the fix history, from the recipes (harness/revisions/recipes.ts):
 * the chain is the posted revisions and latest as the recipes list them (oldest first; mainline,
 * the baseline, is not part of it); beside it, the variants (alternative builds of one revision,
 * e.g. a different inferred caller) and the trees whose place in the series the material does
 * not give (a recipe's `orderUnknown`). Neither is ever a successor of anything.
 */
import { RECIPES, type Recipe } from './recipes';

/** The series as the fix history reads it (harness/report/fixHistory.ts). */
export interface SeriesOrder {
  /** The chain of the series in order (oldest first), mainline excluded. */
  series: readonly string[];
  /** Alternative builds: variant -> the revision it is a variant of. */
  variants: Readonly<Record<string, string>>;
  /** Revisions whose place in the series is not known -> why (shown beside the chain). */
  orderUnknown?: Readonly<Record<string, string>>;
}

export function seriesOrder(recipes: readonly Recipe[] = RECIPES): SeriesOrder {
  const series: string[] = [];
  const variants: Record<string, string> = {};
  const orderUnknown: Record<string, string> = {};
  for (const r of recipes) {
    if ('variantOf' in r) variants[r.name] = r.variantOf;
    else if (r.orderUnknown) orderUnknown[r.name] = r.orderUnknown;
    else if (r.name !== 'mainline') series.push(r.name);
  }
  return { series, variants, orderUnknown };
}
