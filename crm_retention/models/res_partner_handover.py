from odoo import models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _hand_over_to(self, user):
        """Make ``user`` the salesperson of these partners (the hand-over of a leaver)."""
        if not self:
            return
        # the raw UPDATE below skips the ORM's access checks: do them first
        self.check_access("write")
        # a pending ORM write of these columns would be flushed after the UPDATE and undo it
        self.flush_recordset(["user_id", "write_uid", "write_date"])
        # res.partner.write() syncs each company's contacts one by one, although the
        # salesperson is not a synced field: update in one query, then tell the ORM
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET user_id = %s, write_uid = %s, "
                "write_date = (now() AT TIME ZONE 'UTC') WHERE id IN %s",
                user.id,
                self.env.uid,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["user_id", "write_uid", "write_date"])
        self.modified(["user_id"])
        if "user_id" in self.env["crm.data.standard"]._get_watched_fields():
            self._apply_data_standards(enforce=False)
