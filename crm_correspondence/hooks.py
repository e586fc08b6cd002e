def post_init_hook(env):
    """Give every existing company its incoming and outgoing numbering."""
    env["res.company"].search([])._crm_correspondence_prepare_sequences()
