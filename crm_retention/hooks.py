from odoo.tools import SQL


def post_init_hook(env):
    """Give existing partners their roles and first order date, set-based."""
    env.flush_all()
    roles = {
        code: env.ref(f"crm_retention.crm_relationship_role_{code}").id
        for code in ("client", "supplier")
    }
    env.cr.execute(
        SQL(
            """
            INSERT INTO res_partner_relationship_role_rel (partner_id, role_id)
            SELECT p.id, %(client)s FROM res_partner p
             WHERE p.customer_rank > 0 AND p.id = p.commercial_partner_id
            UNION
            SELECT p.id, %(supplier)s FROM res_partner p
             WHERE p.supplier_rank > 0 AND p.id = p.commercial_partner_id
            ON CONFLICT DO NOTHING
            """,
            client=roles["client"],
            supplier=roles["supplier"],
        )
    )
    # the buyers' ids only: the confirmed orders are never loaded
    env.cr.execute(
        SQL(
            """
            SELECT DISTINCT p.commercial_partner_id
              FROM sale_order o
              JOIN res_partner p ON p.id = o.partner_id
             WHERE o.state = 'sale'
            """
        )
    )
    buyer_ids = [partner_id for [partner_id] in env.cr.fetchall()]
    env["res.partner"].browse(buyer_ids)._update_first_order_date()
    env["res.partner"].invalidate_model(["relationship_role_ids"])
    # Roles decide which standards apply: score everybody once with their roles.
    env["res.partner"]._recompute_data_completeness()
