"""The pure-Python lifetime models' own tests (``crm_retention/clv/tests``), run by Odoo's
test runner too, so the README's test command reproduces the published CDNOW results on the
project's own copy of the data (``data/cdnow/``)."""

from odoo.tests import BaseCase, tagged

from ..clv.tests import test_cdnow, test_models, test_value


@tagged("post_install", "-at_install")
class TestCdnowSummary(BaseCase, test_cdnow.TestCdnowSummary):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestBgnbdCdnow(BaseCase, test_cdnow.TestBgnbdCdnow):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestParetoNbdCdnow(BaseCase, test_cdnow.TestParetoNbdCdnow):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestGammaGammaCdnow(BaseCase, test_cdnow.TestGammaGammaCdnow):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestUnits(BaseCase, test_cdnow.TestUnits):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestSummary(BaseCase, test_models.TestSummary):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestGradientsAndErrors(BaseCase, test_models.TestGradientsAndErrors):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestEdgeCases(BaseCase, test_models.TestEdgeCases):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestScale(BaseCase, test_models.TestScale):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestHorizonInMonths(BaseCase, test_value.TestHorizonInMonths):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestDiscountedValue(BaseCase, test_value.TestDiscountedValue):
    allow_inherited_tests_method = True
