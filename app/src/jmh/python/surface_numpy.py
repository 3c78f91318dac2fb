"""The numpy peer of SurfaceBench: the same 256 x 256 linear-regression loss surface over 10,000 points,
computed by broadcasting, timed with timeit on this machine.

    python3 app/src/jmh/python/surface_numpy.py [repeats]

Data: x ~ U(-3, 3), y = 1.5 x - 0.5 + N(0, 1) plus 5% outliers of N(0, 20^2) (numpy's generator, seed 42: the
same distribution as the Java benchmark, not the same draws). Grid: w in [-1, 4], b in [-3, 2], 256 values each.

A full (256, 256, 10000) broadcast would need 5 GB per temporary, so the surface is built in blocks of columns:
for a block of w values, r = w x + b - y has shape (block, 256, 10000) and the loss is its mean over the last
axis. numpy runs each elementwise operation on one core, so this uses one of the machine's cores.
"""
import sys
import timeit

import numpy as np

POINTS = 10_000
CELLS = 256
BLOCK = 1  # columns per broadcast: (1, 256, 10000) doubles = 20 MB per temporary (measured faster here than 4 or 16)


def data():
    rng = np.random.default_rng(42)
    x = rng.uniform(-3.0, 3.0, POINTS)
    y = 1.5 * x - 0.5 + rng.standard_normal(POINTS)
    outlier = rng.uniform(size=POINTS) < 0.05
    y = y + outlier * 20.0 * rng.standard_normal(POINTS)
    return x, y


def mse(r):
    return np.mean(r * r, axis=-1)


def mae(r):
    return np.mean(np.abs(r), axis=-1)


def huber(r, delta=1.0):
    a = np.abs(r)
    return np.mean(np.where(a <= delta, 0.5 * r * r, delta * (a - 0.5 * delta)), axis=-1)


def quantile(r, tau=0.8):
    u = -r  # target - prediction
    return np.mean(np.maximum(tau * u, (tau - 1.0) * u), axis=-1)


def surface(loss, x, y, w, b):
    out = np.empty((CELLS, CELLS))  # out[j, i]: row j = b, column i = w
    for i0 in range(0, CELLS, BLOCK):
        ws = w[i0:i0 + BLOCK]
        r = ws[:, None, None] * x[None, None, :] + b[None, :, None] - y[None, None, :]
        out[:, i0:i0 + BLOCK] = loss(r).T
    return out


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    x, y = data()
    w = np.linspace(-1.0, 4.0, CELLS)
    b = np.linspace(-3.0, 2.0, CELLS)
    print(f"numpy {np.__version__}, {CELLS}x{CELLS} cells, {POINTS} points, best and median of {repeats}")
    for name, loss in (("mse", mse), ("mae", mae), ("huber:delta=1", huber), ("quantile:tau=0.8", quantile)):
        times = timeit.repeat(lambda: surface(loss, x, y, w, b), number=1, repeat=repeats)
        times = sorted(t * 1000.0 for t in times)
        print(f"{name:18s} best {times[0]:8.1f} ms   median {times[len(times) // 2]:8.1f} ms")


if __name__ == "__main__":
    main()
