import numpy as np

from odoo import api, fields, models

from .. import clv
from .crm_client_forecaster import Fitted

MODEL_NAMES = {"BG/NBD": "bgnbd", "Pareto/NBD": "paretonbd", "Gamma-Gamma": "gammagamma"}
RESULT_NAMES = {code: name for name, code in MODEL_NAMES.items()}


class CrmClientModelFit(models.Model):
    """A lifetime model fitted on a company's clients as of a cut-off date: its parameters
    with their standard errors, the log-likelihood and the sample, kept for the manager."""

    _name = "crm.client.model.fit"
    _description = "Fitted Client Model"
    _order = "fit_date desc, id desc"

    analysis_id = fields.Many2one(
        "crm.client.analysis", ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    model = fields.Selection(
        [
            ("bgnbd", "BG/NBD (purchases)"),
            ("paretonbd", "Pareto/NBD (purchases)"),
            ("gammagamma", "Gamma-Gamma (spend)"),
        ],
        required=True,
        readonly=True,
    )
    cut_off_date = fields.Date(
        string="Data Up To", required=True, readonly=True, help="The clients' history ends here."
    )
    fit_date = fields.Datetime(string="Fitted On", required=True, readonly=True)
    unit = fields.Selection(
        [("weeks", "Weeks")],
        required=True,
        default="weeks",
        readonly=True,
        help="The models' unit of time: their rates and ages are per week; a month is "
        "30.4375 / 7 = 4.348 weeks.",
    )
    sample_size = fields.Integer(
        string="Clients",
        readonly=True,
        help="Clients the model was fitted on (the spend model: the repeat buyers).",
    )
    log_likelihood = fields.Float(readonly=True, digits=(16, 2))
    converged = fields.Boolean(readonly=True)
    message = fields.Char(string="Fit Notes", readonly=True)
    parameter_ids = fields.One2many("crm.client.model.fit.parameter", "fit_id", readonly=True)
    parameters_summary = fields.Char(string="Parameters", compute="_compute_parameters_summary")

    @api.depends("parameter_ids.value", "parameter_ids.std_error")
    def _compute_parameters_summary(self):
        for fit in self:
            fit.parameters_summary = ", ".join(
                f"{line.name} = {line.value:.4g} ± {line.std_error:.2g}"
                for line in fit.parameter_ids
            )

    @api.model
    def _store(self, company, fitted, cut_off, **values):
        """Keep the fits of ``fitted`` (a ``Fitted``); ``values`` links them (analysis...)."""
        now = fields.Datetime.now()
        vals_list = []
        for result in (fitted.purchase, fitted.spend):
            if result is None:
                continue
            vals_list.append(
                {
                    "company_id": company.id,
                    "model": MODEL_NAMES[result.model],
                    "cut_off_date": cut_off,
                    "fit_date": now,
                    "unit": result.unit,
                    "sample_size": result.n_clients,
                    "log_likelihood": result.log_likelihood,
                    "converged": result.converged,
                    "message": result.message or False,
                    "parameter_ids": [
                        fields.Command.create(
                            {
                                "sequence": index,
                                "name": name,
                                "value": float(value),
                                "std_error": _finite(result.standard_errors.get(name)),
                            }
                        )
                        for index, (name, value) in enumerate(result.params.items())
                    ],
                    **values,
                }
            )
        return self.create(vals_list)

    def _fitted(self):
        """The ``Fitted`` these records describe (to score more clients without refitting)."""
        fitted = Fitted("bgnbd")
        for fit in self:
            result = clv.FitResult(
                model=RESULT_NAMES[fit.model],
                params={line.name: line.value for line in fit.parameter_ids},
                standard_errors={line.name: line.std_error for line in fit.parameter_ids},
                covariance=np.zeros((0, 0)),
                log_likelihood=fit.log_likelihood,
                n_clients=fit.sample_size,
                converged=fit.converged,
                message=fit.message or "",
                n_iterations=0,
                n_evaluations=0,
                unit=fit.unit,
            )
            if fit.model == "gammagamma":
                fitted.spend = result
            else:
                fitted.purchase_model = fit.model
                fitted.purchase = result
        return fitted


def _finite(value):
    return float(value) if value is not None and np.isfinite(value) else 0.0
