package org.losslab.optim;

import java.util.SplittableRandom;

/**
 * Mini-batches as PyTorch's DataLoader(shuffle=True, drop_last=False) draws them: each epoch is a fresh random
 * permutation of 0..n-1 (Fisher-Yates with a seeded SplittableRandom), cut into consecutive batches of
 * {@code size}; the last batch of an epoch holds the remainder. Reproducible for a given seed; no allocation after
 * construction.
 */
final class MiniBatches {
    private final int[] order;
    private final int size;
    private final SplittableRandom random;
    private int position;
    private int from;
    private int to;

    MiniBatches(int n, int size, long seed) {
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.size = size;
        this.random = new SplittableRandom(seed);
        this.position = n;
    }

    /** Advances to the next batch: {@link #indices()}[{@link #from()} .. {@link #to()}). */
    void next() {
        int n = order.length;
        if (position >= n) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            position = 0;
        }
        from = position;
        to = Math.min(n, position + size);
        position = to;
    }

    int[] indices() {
        return order;
    }

    int from() {
        return from;
    }

    int to() {
        return to;
    }
}
