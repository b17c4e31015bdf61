/**
 * The order of the series for the fix history, from the recipes (harness/revisions/recipes.ts):
 * the chain is the posted revisions and latest as the recipes list them (oldest first; mainline,
 * the baseline, is not part of it); beside it, the variants (alternative builds of one revision,
 * e.g. a different inferred caller) and the trees whose place in the series the material does
 * not give (a recipe's `orderUnknown`). Neither is ever a successor of anything.
 */
import type { SeriesOrder } from '../report/fixHistory';
import { RECIPES, type Recipe } from './recipes';

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
