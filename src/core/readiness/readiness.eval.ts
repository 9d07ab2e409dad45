/**
 * Is the number right? Replays a review log in time order, predicts each review's recall before seeing its
 * outcome (FSRS retrievability of the card so far), and scores the predictions the way the open FSRS
 * benchmark (open-spaced-repetition/srs-benchmark) reports them: log loss, RMSE over bins, AUC.
 */
import { retrievability, reviewCard } from './memory.model.js';

/** One review: which card (any key), when, and the rating (1 Again … 4 Easy; 1 counts as forgotten). */
export interface EvalReview {
  card: string;
  at: Date;
  rating: number;
}

export interface EvalScores {
  /** Mean −[y·ln p + (1−y)·ln(1−p)], p clipped to [1e−6, 1 − 1e−6]; lower is better. */
  logLoss: number;
  /** √(Σ n_b·(mean p_b − mean y_b)² ÷ N) over 20 equal-width bins of p; lower is better. */
  rmseBins: number;
  /** Probability a remembered review got a higher p than a forgotten one (ties count half); 0.5 is chance. */
  auc: number;
}

export interface EvalResult {
  /** Reviews predicted: every review but each card's first (nothing to predict from). */
  predicted: number;
  cards: number;
  /** Share of predicted reviews remembered. */
  recallRate: number;
  model: EvalScores;
  /** The constant-average baseline: every review predicted at the share remembered overall. */
  baseline: EvalScores;
}

const clip = (p: number) => Math.min(1 - 1e-6, Math.max(1e-6, p));

/** Scores predictions `p` against outcomes `y` (1 remembered, 0 forgotten). */
export function scorePredictions(p: readonly number[], y: readonly number[]): EvalScores {
  const n = p.length;
  let logLoss = 0;
  const bins = Array.from({ length: 20 }, () => ({ n: 0, p: 0, y: 0 }));
  for (let i = 0; i < n; i++) {
    const pi = clip(p[i] ?? 0);
    const yi = y[i] ?? 0;
    logLoss -= yi * Math.log(pi) + (1 - yi) * Math.log(1 - pi);
    const bin = bins[Math.min(19, Math.floor(pi * 20))];
    if (bin) {
      bin.n++;
      bin.p += pi;
      bin.y += yi;
    }
  }
  const rmseBins = Math.sqrt(
    bins.reduce((s, b) => (b.n === 0 ? s : s + b.n * (b.p / b.n - b.y / b.n) ** 2), 0) / Math.max(1, n),
  );
  return { logLoss: logLoss / Math.max(1, n), rmseBins, auc: auc(p, y) };
}

/** Mann–Whitney AUC with average ranks for ties. */
function auc(p: readonly number[], y: readonly number[]): number {
  const order = p.map((v, i) => ({ v, y: y[i] ?? 0 })).sort((a, b) => a.v - b.v);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]?.v === order[i]?.v) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]?.y !== 1) continue;
      rankSum += rank;
      positives++;
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Replays `reviews` (any order; sorted here by time) through FSRS with default parameters and scores it. */
export function evaluateReviews(reviews: readonly EvalReview[]): EvalResult {
  const sorted = [...reviews].sort((a, b) => a.at.getTime() - b.at.getTime());
  const cards = new Map<string, { card: unknown; stability: number; last: Date }>();
  const p: number[] = [];
  const y: number[] = [];
  for (const r of sorted) {
    const state = cards.get(r.card);
    if (state) {
      p.push(retrievability(state.stability, state.last, r.at));
      y.push(r.rating > 1 ? 1 : 0);
    }
    const next = reviewCard(state?.card, Math.min(4, Math.max(1, Math.round(r.rating))), r.at);
    cards.set(r.card, { card: next.card, stability: next.stability, last: r.at });
  }
  const rate = y.reduce((s, v) => s + v, 0) / Math.max(1, y.length);
  return {
    predicted: p.length,
    cards: cards.size,
    recallRate: rate,
    model: scorePredictions(p, y),
    baseline: scorePredictions(
      y.map(() => rate),
      y,
    ),
  };
}
