"""The native calls release the GIL: Python threads keep running while umfa computes, and
concurrent calls give the same answers as sequential ones."""

import threading
import time

import numpy as np

import umfa


def test_gil_is_released_during_compute():
    rng = np.random.default_rng(0)
    q, k, v = (rng.standard_normal((8, 8, 1024, 64)).astype(np.float32) for _ in range(3))
    umfa.scaled_dot_product_attention(q, k, v)  # warm up the thread pool
    start = time.perf_counter()
    umfa.scaled_dot_product_attention(q, k, v)
    alone = time.perf_counter() - start

    stamps = []
    t = threading.Thread(target=lambda: [umfa.scaled_dot_product_attention(q, k, v) for _ in range(3)])
    t.start()
    while t.is_alive():
        stamps.append(time.perf_counter())
        time.sleep(0.001)
    t.join()
    gaps = np.diff(stamps) if len(stamps) > 1 else np.array([np.inf])
    # Holding the GIL would freeze this loop for a whole call (`alone` seconds) at a time.
    assert gaps.max() < max(0.5 * alone, 0.05) or alone < 0.02, (gaps.max(), alone)


def test_concurrent_calls_agree():
    rng = np.random.default_rng(1)
    inputs = [tuple(rng.standard_normal((2, 2, 33, 16)).astype(np.float32) for _ in range(3)) for _ in range(4)]
    sequential = [umfa.scaled_dot_product_attention(*x, is_causal=True) for x in inputs]
    results = [None] * len(inputs)

    def work(i):
        results[i] = umfa.scaled_dot_product_attention(*inputs[i], is_causal=True)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(inputs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for got, want in zip(results, sequential):
        np.testing.assert_array_equal(got, want)
