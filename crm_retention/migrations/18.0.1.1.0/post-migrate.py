def migrate(cr, version):
    # "Lost client" is no longer indexed: lists filter it to keep most partners, which an
    # index does not speed up, while every partner insert and update had to maintain it.
    cr.execute("DROP INDEX IF EXISTS res_partner__is_lost_index")
