"""Fingerprint of the data the suite's modules own, to prove an upgrade keeps it.

    python scripts/data_fingerprint.py DBNAME MODULE[,MODULE...]

Prints one line per table: the rows of every model the modules define, and the columns
they add to other models' tables (write_date/write_uid left out: an upgrade may touch
them). Compare the output before and after `odoo-bin -u`.
"""

import sys

import psycopg2
from psycopg2 import sql

IGNORED_COLUMNS = ("write_date", "write_uid")


def fingerprint(cr, modules):
    cr.execute(
        """
        SELECT m.model, f.name
          FROM ir_model_fields f
          JOIN ir_model m ON m.id = f.model_id
          JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
         WHERE d.module = ANY(%s) AND f.store AND f.ttype NOT IN ('one2many', 'many2many')
           AND NOT m.transient AND f.name NOT IN %s
         ORDER BY m.model, f.name
        """,
        (modules, IGNORED_COLUMNS),
    )
    columns_by_model = {}
    for model, column in cr.fetchall():
        columns_by_model.setdefault(model, []).append(column)
    lines = []
    for model, columns in sorted(columns_by_model.items()):
        table = model.replace(".", "_")
        cr.execute("SELECT relkind FROM pg_class WHERE relname = %s", (table,))
        if (cr.fetchone() or ("v",))[0] != "r":
            continue  # SQL views are rebuilt by design
        selected = sql.SQL(", ").join(
            sql.Identifier(c) for c in ["id", *(c for c in columns if c != "id")]
        )
        cr.execute(
            sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(r::text, '|' ORDER BY r.id), '')) "
                "FROM (SELECT {} FROM {}) r"
            ).format(selected, sql.Identifier(table))
        )
        count, digest = cr.fetchone()
        lines.append(f"{table} ({len(columns)} columns of the suite): {count} rows {digest}")
    cr.execute(
        """
        SELECT DISTINCT f.relation_table, f.column1, f.column2
          FROM ir_model_fields f
          JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
         WHERE d.module = ANY(%s) AND f.ttype = 'many2many' AND f.store
           AND f.relation_table IS NOT NULL
           -- abstract models (mixins) declare relations but have no table of their own
           AND EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = f.relation_table)
         ORDER BY 1
        """,
        (modules,),
    )
    for table, column1, column2 in cr.fetchall():
        cr.execute(
            sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(r::text, '|' ORDER BY r), '')) "
                "FROM (SELECT {}, {} FROM {}) r"
            ).format(sql.Identifier(column1), sql.Identifier(column2), sql.Identifier(table))
        )
        count, digest = cr.fetchone()
        lines.append(f"{table} (relation): {count} rows {digest}")
    return lines


def main(argv):
    with psycopg2.connect(dbname=argv[1]) as conn, conn.cursor() as cr:
        print("\n".join(fingerprint(cr, argv[2].split(","))))


if __name__ == "__main__":
    main(sys.argv)
