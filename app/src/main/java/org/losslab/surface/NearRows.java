package org.losslab.surface;

import java.util.Arrays;

/**
 * What the near parts of the structured classification paths ({@link LogisticGrid}'s bce_logits and bce,
 * {@link SigmoidTerm}'s mse on sigma, {@link FocalGrid}) share: the anchor blocks of the row axis with their
 * tabulated factors, and the walk over the (point, rows) pairs that are near.
 *
 * <h2>Anchor blocks</h2>
 * Rows [blockStart[a], blockStart[a+1]) share the anchor c_a, the middle of their b-range, which spans at most
 * {@link LogisticGrid#ANCHOR_SPAN}; each row has the factors e^{c - b_j} ({@link #eBelow}) and e^{b_j - c}
 * ({@link #eAbove}), so that t = e^-|z| for z = b_j - r_k is one exp per point and block times a row factor.
 *
 * <h2>The walk</h2>
 * With the row indices lo_j, mid_j, hi_j of a column (see {@link LogisticGrid}), point k is near exactly for the
 * rows
 * <pre>
 *   [J3, J1):  mid_j &lt;= k &lt; hi_j  (z &lt;= 0)
 *   [J1, J2):  lo_j &lt;= k &lt; mid_j   (z &gt; 0)
 *   J1 = #{j : mid_j &lt;= k},  J2 = #{j : lo_j &lt;= k},  J3 = #{j : hi_j &lt;= k}
 * </pre>
 * (the indices are non-decreasing in j, so these are contiguous and move up with k). {@link #walk} hands each near
 * point's rows to a {@link Visitor} block by block, so that the visitor's loops run over contiguous rows with no
 * loop-carried dependence, which the JIT vectorizes.
 */
final class NearRows {
    final int[] blockStart;
    final int[] blockOf;
    final double[] anchor;
    /** e^{c - b_j} for the anchor c of row j's block. */
    final double[] eBelow;
    /** e^{b_j - c} for the anchor c of row j's block. */
    final double[] eAbove;

    /** The anchor blocks of the rows b (ascending). */
    NearRows(double[] b) {
        int g = b.length;
        int[] starts = new int[g + 1];
        double[] anchors = new double[g];
        int blocks = 0;
        int j0 = 0;
        while (j0 < g) {
            int j1 = j0 + 1;
            while (j1 < g && b[j1] - b[j0] <= LogisticGrid.ANCHOR_SPAN) {
                j1++;
            }
            starts[blocks] = j0;
            anchors[blocks] = 0.5 * (b[j0] + b[j1 - 1]);
            blocks++;
            j0 = j1;
        }
        starts[blocks] = g;
        blockStart = Arrays.copyOf(starts, blocks + 1);
        anchor = Arrays.copyOf(anchors, blocks);
        blockOf = new int[g];
        eBelow = new double[g];
        eAbove = new double[g];
        for (int blk = 0; blk < blocks; blk++) {
            double c = anchor[blk];
            for (int j = blockStart[blk]; j < blockStart[blk + 1]; j++) {
                blockOf[j] = blk;
                eBelow[j] = Math.exp(c - b[j]);
                eAbove[j] = Math.exp(b[j] - c);
            }
        }
    }

    /** What a near part does with the rows where one point is near. */
    interface Visitor {
        /**
         * Point r_k = {@code rk} is near for the rows [from, to) of anchor block {@code blk}: z &lt;= 0 on
         * [from, split), z &gt; 0 on [split, to); {@code e} = e^{r_k - c} for the block's anchor c.
         */
        void rows(double rk, int blk, int from, int split, int to, double e);

        /** After every near point (for bookkeeping such as rescaling running products). */
        default void pointDone() {
        }
    }

    /** Hands every near (point, block) of a column to {@code visitor}, points in order (see the class comment). */
    void walk(double[] r, int[] lo, int[] mid, int[] hi, Visitor visitor) {
        int g = blockOf.length;
        int first = lo[0];
        int last = hi[g - 1];
        int blocks = anchor.length;
        int j1 = 0;
        int j2 = 0;
        int j3 = 0;
        for (int k = first; k < last; k++) {
            while (j3 < g && hi[j3] <= k) {
                j3++;
            }
            while (j1 < g && mid[j1] <= k) {
                j1++;
            }
            while (j2 < g && lo[j2] <= k) {
                j2++;
            }
            if (j3 >= j2) {
                continue;
            }
            double rk = r[k];
            for (int blk = blockOf[j3]; blk < blocks && blockStart[blk] < j2; blk++) {
                int from = Math.max(blockStart[blk], j3);
                int to = Math.min(blockStart[blk + 1], j2);
                int split = Math.min(Math.max(j1, from), to);
                visitor.rows(rk, blk, from, split, to, Math.exp(rk - anchor[blk]));
            }
            visitor.pointDone();
        }
    }
}
