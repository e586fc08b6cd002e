def migrate(cr, version):
    """The anniversary reminders run on res.partner now, not on the report (its cron is
    noupdate, so the new definition does not reach existing databases by itself)."""
    cr.execute(
        """
        UPDATE ir_act_server s
           SET model_id = m.id, model_name = 'res.partner'
          FROM ir_cron c, ir_model_data d, ir_model m
         WHERE d.module = 'crm_retention' AND d.name = 'ir_cron_anniversary_activities'
           AND d.model = 'ir.cron' AND c.id = d.res_id AND s.id = c.ir_actions_server_id
           AND m.model = 'res.partner'
        """
    )
