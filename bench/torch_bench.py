"""The PyTorch anchor of `npm run bench`: the figures' workloads in eager PyTorch, timed as bench/measure.js
times them. Says hello ({"info"} or {"unavailable"}) on stdout, then answers each request line on stdin,
{"figure", "params", "method"}, with one line: {"seconds", "spread", "check"} or {"unavailable"}."""
import ctypes
import json
import math
import platform
import statistics
import sys
import time

try:
    import torch
except ImportError as error:
    torch = None
    IMPORT_ERROR = str(error)


def workload(leaves, iteration):
    """step clears the leaves' gradients and runs one iteration; check is the sum of their squares."""
    def step():
        for t in leaves:
            t.grad = None
        iteration()
    return step, lambda: sum((t.grad * t.grad).sum().item() for t in leaves)


def scalar_graph(x, y, z):
    x, y, z = (torch.tensor([float(v)], requires_grad=True) for v in (x, y, z))
    def iteration():
        f = (x - 1) * (y - 2) ** 2 * (z - 3) ** 3 / torch.sqrt(x + y + z)
        f.backward()
    return workload([x, y, z], iteration)


def chain_rule(a, b):
    a, b = (torch.tensor([float(v)], requires_grad=True) for v in (a, b))
    def iteration():
        c = a + b
        d = b + 1
        (c * d).backward()
    return workload([a, b], iteration)


def mean_square(n):
    x = torch.ones(n, n, requires_grad=True)
    def iteration():
        y = x + 2
        (y * y * 3).mean().backward()
    return workload([x], iteration)


def doubling(n, seed, gradient):
    torch.manual_seed(seed)
    x = torch.randn(n, requires_grad=True)
    v = torch.tensor(gradient)
    def iteration():
        y = x * 2
        while y.data.norm() < 1000:
            y = y * 2
        y.backward(v)
    return workload([x], iteration)


def matmul(n, seed):
    torch.manual_seed(seed)
    a = torch.randn(n, n, requires_grad=True)
    b = torch.randn(n, n, requires_grad=True)
    return workload([a, b], lambda: (a @ b).sum().backward())


def perceptron(n, seed):
    torch.manual_seed(seed)
    w = torch.randn(n, requires_grad=True)
    x = torch.randn(n)
    b = torch.randn(1, requires_grad=True)
    return workload([w, b], lambda: (torch.dot(w, x) + b).backward())


def mlp_step(sizes, batch, lr, seed):
    torch.manual_seed(seed)
    layers = [(torch.randn(i, o, requires_grad=True), torch.randn(o, requires_grad=True))
              for i, o in zip(sizes, sizes[1:])]
    x = torch.randn(batch, sizes[0])
    y = torch.randn(batch, sizes[-1])
    params = [p for layer in layers for p in layer]
    def iteration():
        h = x
        for i, (w, b) in enumerate(layers):
            h = h @ w + b
            if i < len(layers) - 1:
                h = torch.tanh(h)
        ((h - y) ** 2).mean().backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
    return workload(params, iteration)


WORKLOADS = {"scalar_graph": scalar_graph, "chain_rule": chain_rule, "mean_square": mean_square, "doubling": doubling,
             "matmul": matmul, "perceptron": perceptron, "mlp_step": mlp_step}


def time_batch(step, n):
    start = time.perf_counter()
    for _ in range(n):
        step()
    return (time.perf_counter() - start) * 1e3


def calibrate(step, min_sample_ms):
    n = 1
    ms = time_batch(step, n)
    while ms < min_sample_ms:
        n = math.ceil(n * min(100, max(2, 1.2 * min_sample_ms / max(ms, 1e-3))))
        ms = time_batch(step, n)
    return n


def measure(step, samples, min_sample_ms):
    n = calibrate(step, min_sample_ms)
    time_batch(step, n)  # warm-up at the final batch size
    per_call = [time_batch(step, n) / 1e3 / n for _ in range(samples)]
    seconds = statistics.median(per_call)
    spread = max(abs(s - seconds) for s in per_call) / seconds
    return {"seconds": seconds, "spread": spread}


def blas():
    """The BLAS library this process loaded, with OpenBLAS's own account of its kernel and threads."""
    try:
        with open("/proc/self/maps") as maps:
            paths = sorted({line.split()[-1] for line in maps if "blas" in line.split()[-1]})
    except OSError:  # not Linux: fall back on the build's own word
        paths = []
    openblas = [p for p in paths if "libopenblas" in p]
    if not openblas:
        return ", ".join(paths) or "BLAS_INFO=" + torch.__config__.show().split("BLAS_INFO=")[1].split(",")[0]
    lib = ctypes.CDLL(openblas[0])
    lib.openblas_get_config.restype = lib.openblas_get_corename.restype = ctypes.c_char_p
    config = lib.openblas_get_config().decode()
    return f"{config.split(' ')[0]} {config.split(' ')[1]} ({lib.openblas_get_corename().decode()} kernels, " \
           f"{lib.openblas_get_num_threads()} threads)"


def reply(answer):
    print(json.dumps(answer), flush=True)


def answer(request):
    """One figure measured; a failure is the answer, so the other figures still run."""
    try:
        step, check = WORKLOADS[request["figure"]](**request["params"])
        step()
        value = check()  # after one step from the initial state, as bench/run.js takes it
        method = request["method"]
        return {**measure(step, method["samples"], method["minSampleMs"]), "check": value}
    except Exception as error:  # reported to the bench as this figure's failure
        return {"unavailable": f"{type(error).__name__}: {error}"}


def main():
    if torch is None:
        reply({"unavailable": f"{sys.executable}: {IMPORT_ERROR}"})
        return
    matmul(64, 0)[0]()  # loads the BLAS library, so that blas() can name it
    reply({"info": f"PyTorch {torch.__version__} eager on Python {platform.python_version()} ({sys.executable}), "
                   f"{torch.get_num_threads()} intra-op thread(s), BLAS: {blas()}"})
    for line in sys.stdin:
        reply(answer(json.loads(line)))


if __name__ == "__main__":
    main()
