/**
 * The order of the series for the fix history: the posted revisions and later trees as the
 * recipes list them (oldest first; mainline, the baseline, is not part of it), and the variants
 * (alternative builds of one revision, e.g. a different inferred caller), which are not
 * successors of anything.
 */
import type { SeriesOrder } from '../report/fixHistory';
import { RECIPES } from './recipes';

export function seriesOrder(): SeriesOrder {
  const series: string[] = [];
  const variants: Record<string, string> = {};
  for (const r of RECIPES) {
    if ('variantOf' in r && typeof r.variantOf === 'string') variants[r.name] = r.variantOf;
    else if (r.name !== 'mainline') series.push(r.name);
  }
  return { series, variants };
}
