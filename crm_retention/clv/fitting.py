"""Maximum-likelihood fitting shared by the models, and the fitted result.

Each model hands over its total log-likelihood (and, when it has one, its analytic gradient)
as a function of the natural parameters. The fit:

1. compresses the clients into distinct rows with a count each (clients with the same
   (x, t_x, T) add the same term: on day-based data many one-time buyers share a row);
2. maximises the log-likelihood with ``scipy.optimize.minimize`` (L-BFGS-B) over the
   LOGARITHMS of the parameters, which keeps them positive without constraints and puts
   parameters of very different scales on a comparable footing; the objective is the mean
   negative log-likelihood per client, so that the stopping tolerances do not depend on the
   number of clients;
3. computes the standard errors: the observed information matrix is the Hessian of the
   negative log-likelihood at the optimum in the NATURAL parameters (the quantities shown to
   the manager), taken by central finite differences with a step of about eps^(1/4) of each
   parameter; its inverse is the asymptotic covariance matrix of the maximum-likelihood
   estimates and the standard errors are the square roots of its diagonal. (Taking the
   Hessian in log-parameters and applying the delta method gives the same values to first
   order, since the gradient is zero at the optimum.) When the matrix is not positive
   definite (an estimate at a bound, a flat likelihood) the standard errors are NaN.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

# the parameters are searched within [BOUNDS[0], BOUNDS[1]] unless a model narrows them
BOUNDS = (1e-10, 1e10)
# a fit that has not converged after this many iterations stops and says so
MAX_ITERATIONS = 500


@dataclass(frozen=True)
class FitResult:
    """A fitted model: what is kept with the fit and shown to the manager.

    ``params`` and ``standard_errors`` map the parameter names (in the model's order) to
    floats; times are in weeks (``unit``). ``log_likelihood`` is the total over the
    ``n_clients`` clients of the sample. ``converged`` is true when the optimiser succeeded,
    no parameter is at the search bounds (``at_bound`` lists those) and the information
    matrix is positive definite (every standard error defined); ``message`` says why not.
    """

    model: str
    params: dict
    standard_errors: dict
    covariance: np.ndarray
    log_likelihood: float
    n_clients: int
    converged: bool
    message: str
    n_iterations: int
    n_evaluations: int
    unit: str = "weeks"
    at_bound: tuple = field(default=())

    @property
    def values(self):
        """The parameters as a tuple in the model's order (what the scoring functions take)."""
        return tuple(self.params.values())

    def as_dict(self):
        """Plain floats, ints and strings only (to store as JSON or send over RPC)."""
        return {
            "model": self.model,
            "unit": self.unit,
            "params": {k: float(v) for k, v in self.params.items()},
            "standard_errors": {k: float(v) for k, v in self.standard_errors.items()},
            "log_likelihood": float(self.log_likelihood),
            "n_clients": int(self.n_clients),
            "converged": bool(self.converged),
            "message": str(self.message),
        }


def compress(*columns):
    """Distinct rows of the given equally long columns and how many times each occurs.

    Returns (list of distinct columns, counts as float).
    """
    stacked = np.column_stack([np.asarray(c, dtype=float) for c in columns])
    if not len(stacked):
        return [stacked[:, i] for i in range(stacked.shape[1])], np.zeros(0)
    rows, counts = np.unique(stacked, axis=0, return_counts=True)
    return [rows[:, i] for i in range(rows.shape[1])], counts.astype(float)


def numerical_hessian(func, theta):
    """Hessian of ``func`` at ``theta`` by central differences, step eps^(1/4) x |theta_i|.

    Diagonal: (f(+h) - 2 f + f(-h)) / h^2; off-diagonal: the four-point formula
    (f(++) - f(+-) - f(-+) + f(--)) / (4 h_i h_j).
    """
    theta = np.asarray(theta, dtype=float)
    n = len(theta)
    steps = np.finfo(float).eps ** 0.25 * np.maximum(np.abs(theta), 1e-8)
    f0 = func(theta)
    hess = np.empty((n, n))
    for i in range(n):
        e_i = np.zeros(n)
        e_i[i] = steps[i]
        hess[i, i] = (func(theta + e_i) - 2.0 * f0 + func(theta - e_i)) / steps[i] ** 2
        for j in range(i):
            e_j = np.zeros(n)
            e_j[j] = steps[j]
            value = (
                func(theta + e_i + e_j)
                - func(theta + e_i - e_j)
                - func(theta - e_i + e_j)
                + func(theta - e_i - e_j)
            ) / (4.0 * steps[i] * steps[j])
            hess[i, j] = hess[j, i] = value
    return hess


def central_gradient(func, u, step=1e-6):
    """Gradient of ``func`` at ``u`` by central differences (used on log-parameters)."""
    u = np.asarray(u, dtype=float)
    grad = np.empty(len(u))
    for i in range(len(u)):
        e_i = np.zeros(len(u))
        e_i[i] = step
        grad[i] = (func(u + e_i) - func(u - e_i)) / (2.0 * step)
    return grad


def covariance_from_hessian(hess):
    """Inverse of the observed information, or a NaN matrix when it is not positive definite."""
    n = hess.shape[0]
    try:
        np.linalg.cholesky(hess)
        cov = np.linalg.inv(hess)
    except np.linalg.LinAlgError:
        return np.full((n, n), np.nan)
    return (cov + cov.T) / 2.0


def require_clients(weights):
    """The number of clients (sum of the row counts); ValueError when there is none."""
    n_clients = float(np.sum(weights))
    if n_clients <= 0:
        raise ValueError("cannot fit a model on no client")
    return n_clients


def maximise(model, names, loglik, start, weights, gradient=None, bounds=BOUNDS):
    """Fit: maximise ``loglik(theta)`` (total log-likelihood in natural parameters).

    ``gradient(theta)``, when given, is the gradient of the total log-likelihood with
    respect to the natural parameters; otherwise central differences on the log-parameters
    are used. ``weights`` are the client counts of the compressed rows. Every parameter is
    searched within ``bounds`` (low, high); an estimate ending on one is reported in
    ``at_bound`` and the fit is not ``converged``.
    """
    n_clients = require_clients(weights)
    scale = 1.0 / n_clients

    def objective(u):
        theta = np.exp(u)
        value = loglik(theta)
        if not np.isfinite(value):
            return np.inf
        return -value * scale

    if gradient is not None:

        def jacobian(u):
            theta = np.exp(u)
            # chain rule: d/du = theta * d/dtheta
            return -gradient(theta) * theta * scale

    else:

        def jacobian(u):
            return central_gradient(objective, u)

    low, high = np.log(bounds[0]), np.log(bounds[1])
    u0 = np.clip(np.log(np.asarray(start, dtype=float)), low, high)
    result = optimize.minimize(
        objective,
        u0,
        jac=jacobian,
        method="L-BFGS-B",
        bounds=[(low, high)] * len(u0),
        options={"maxiter": MAX_ITERATIONS, "ftol": 1e-15, "gtol": 1e-9},
    )
    theta = np.exp(result.x)
    at_bound = tuple(
        name for name, u in zip(names, result.x, strict=True) if u <= low + 1e-6 or u >= high - 1e-6
    )
    hess = numerical_hessian(lambda th: -loglik(th), theta)
    cov = covariance_from_hessian(hess)
    errors = np.sqrt(np.where(np.diag(cov) >= 0, np.diag(cov), np.nan))
    identified = bool(np.all(np.isfinite(errors)))
    message = str(result.message)
    if at_bound:
        message += "; at the search bound: " + ", ".join(at_bound)
    if not identified:
        message += "; information matrix not positive definite (no standard errors)"
    return FitResult(
        model=model,
        params=dict(zip(names, (float(v) for v in theta), strict=True)),
        standard_errors=dict(zip(names, (float(v) for v in errors), strict=True)),
        covariance=cov,
        log_likelihood=float(loglik(theta)),
        n_clients=round(n_clients),
        converged=bool(result.success) and not at_bound and identified,
        message=message,
        n_iterations=int(result.nit),
        n_evaluations=int(result.nfev),
        at_bound=at_bound,
    )
