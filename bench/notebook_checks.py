"""The anchor of `bench/check.js`: the course notebook's checks of Questions 1-3 under PyTorch, run as a student
runs them (one python3 process importing torch), with correct solutions. Prints one line per passed check."""
import numpy as np
import torch
from torch.autograd import Variable


def q1(x):
    zero = Variable(torch.FloatTensor([0]))
    return torch.max(x, zero)


def grad_q1(x):
    q1(x).backward()
    return x.grad


def q2(x, y, z):
    f = (x - 1) * (y - 2) ** 2 * (z - 3) ** 3 / torch.sqrt(x + y + z)
    f.backward()
    return x.grad, y.grad, z.grad


def q3(x):
    w = Variable(torch.randn(5), requires_grad=True)
    b = Variable(torch.randn(1), requires_grad=True)
    (torch.dot(w, x) + b).backward()
    return x.grad, w.grad, b.grad


def check_q1():
    assert q1(Variable(torch.FloatTensor([-1]), requires_grad=True)).data[0] == 0
    assert q1(Variable(torch.FloatTensor([1]), requires_grad=True)).data[0] == 1
    print("q1 passed")


def check_grad_q1():
    assert grad_q1(Variable(torch.FloatTensor([-10]), requires_grad=True)).data[0] == 0
    assert grad_q1(Variable(torch.FloatTensor([100]), requires_grad=True)).data[0] == 1
    print("grad_q1 passed")


def check_q2():
    x, y, z = (Variable(torch.FloatTensor([v]), requires_grad=True) for v in (4, 5, 6))
    grads = [g.data[0] for g in q2(x, y, z)]
    for got, want in zip(grads, [56.46809387207031, 119.21041870117188, 181.95274353027344]):
        assert np.allclose(got, want)
    print("q2 passed")


def check_q3():
    torch.manual_seed(0)
    x = Variable(torch.randn(5), requires_grad=True)
    x_grad, w_grad, b_grad = (g.data.numpy() for g in q3(x))
    assert np.allclose(x_grad, [-1.3985955, 0.40334684, 0.83802634, -0.7192576, -0.40334353])
    assert np.allclose(w_grad, [1.5409961, -0.2934289, -2.1787894, 0.56843126, -1.0845224])
    assert np.allclose(b_grad, 1)
    print("q3 passed")


check_q1()
check_grad_q1()
check_q2()
check_q3()
