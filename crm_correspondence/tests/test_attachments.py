import base64

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CorrespondenceCase

PDF = base64.b64encode(b"%PDF-1.4 scanned letter")


@tagged("post_install", "-at_install")
class TestAttachments(CorrespondenceCase):
    """Scans and files: a user attaches their own uploads, never someone else's file."""

    def _upload(self, user, **values):
        """A file as the form's upload widget creates it: for the model, no record yet."""
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create(
                {
                    "name": "scan.pdf",
                    "datas": PDF,
                    "res_model": "crm.correspondence",
                    "res_id": 0,
                    **values,
                }
            )
        )

    def test_scan_uploaded_by_the_user_belongs_to_the_new_item(self):
        scan = self._upload(self.user_marina)
        item = (
            self.env["crm.correspondence"]
            .with_user(self.user_marina)
            .create(
                {
                    "subject": "Letter with scan",
                    "partner_id": self.client.id,
                    "attachment_ids": [(4, scan.id)],
                }
            )
        )
        self.assertEqual(item.attachment_ids, scan)
        self.assertEqual((scan.res_model, scan.res_id), ("crm.correspondence", item.id))

    def test_scan_added_to_an_existing_item_belongs_to_it(self):
        item = self._create_item(user_id=self.user_marina.id)
        scan = self._upload(self.user_marina)
        item.with_user(self.user_marina).write({"attachment_ids": [(4, scan.id)]})
        self.assertEqual(scan.res_id, item.id)

    def test_linking_a_public_file_of_another_user_is_refused_and_leaves_it_untouched(self):
        # e.g. a website image: public, readable by every employee, owned by nobody's record
        website_image = self.env["ir.attachment"].create(
            {
                "name": "banner.png",
                "datas": PDF,
                "public": True,
                "res_model": "ir.ui.view",
                "res_id": 0,
            }
        )
        Item = self.env["crm.correspondence"].with_user(self.user_marina)
        with self.assertRaises(AccessError):
            Item.create({"subject": "Takeover", "attachment_ids": [(4, website_image.id)]})
        item = self._create_item(user_id=self.user_marina.id)
        with self.assertRaises(AccessError):
            item.with_user(self.user_marina).write({"attachment_ids": [(4, website_image.id)]})
        website_image.invalidate_recordset()
        self.assertEqual((website_image.res_model, website_image.res_id), ("ir.ui.view", 0))
        self.assertFalse(item.attachment_ids)

    def test_pending_upload_of_another_user_cannot_be_taken(self):
        upload_of_dmitry = self._upload(self.user_dmitry)
        item = self._create_item(user_id=self.user_marina.id)
        with self.assertRaises(AccessError):
            item.with_user(self.user_marina).write({"attachment_ids": [(4, upload_of_dmitry.id)]})
        upload_of_dmitry.invalidate_recordset()
        self.assertEqual(upload_of_dmitry.res_id, 0)
