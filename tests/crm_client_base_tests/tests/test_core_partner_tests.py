"""Odoo's own partner tests, run again with the whole suite and its demo standards active.

Subclassing with ``allow_inherited_tests_method`` re-runs every inherited test method
here, post-install; the originals keep running (or not) under their own module's tags.
"""

from odoo.tests import tagged

from odoo.addons.base.tests import test_res_partner as core


@tagged("post_install", "-at_install")
class TestCorePartnerWithSuite(core.TestPartner):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestCorePartnerAddressCompanyWithSuite(core.TestPartnerAddressCompany):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestCorePartnerFormWithSuite(core.TestPartnerForm):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestCorePartnerRecursionWithSuite(core.TestPartnerRecursion):
    allow_inherited_tests_method = True
