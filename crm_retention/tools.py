def field_values(records, fname):
    """Values of ``fname`` for ``records``, in their order, as the ORM cache holds them
    (ids for relations; falsy when empty).

    One bulk read instead of a field access per record, for loops over thousands of
    records on hot paths (partner creation, order confirmation).
    """
    field = records._fields[fname]
    field.mapped(records)  # computes pending values and fetches missing ones
    return records.env.cache.get_until_miss(records, field)


# Marks a write of fields the module maintains itself (``system_field=True`` on the field):
# a context value no RPC caller can send, as it cannot come out of JSON or XML-RPC.
SYSTEM_WRITE = object()


def system_write(records):
    """``records`` ready to write the fields the module maintains itself."""
    return records.with_context(crm_retention_system_write=SYSTEM_WRITE)
