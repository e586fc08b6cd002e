"""Deterministic sales history of the furniture salon for the demo: about 150 client
companies and 30 months of orders, invoices, payments and credit notes.

Every date is a day offset relative to the day the demo is loaded (-1 = yesterday), so the
history is always "the last 30 months". The output is the JSON document that
``crm_retention/demo/crm_client_history.json`` holds; the module's demo loader
(``crm.client.history.demo``) turns it into records.

python data/client_history_generator.py                       # prints the JSON
python data/client_history_generator.py --output crm_retention/demo/crm_client_history.json
python data/client_history_generator.py --summary             # the story in numbers

Only the standard library: the module's test imports this file to check that the committed
JSON is exactly what the generator produces.
"""

import argparse
import json
import math
import random
import sys

SEED = 20261123
FORMAT = 1
# the first day of the history, about 30 months back
FIRST_DAY = -900
# orders of the last days are confirmed but not invoiced yet
INVOICE_CUTOFF = -4
# the largest quantity of a line (a school's chairs)
MAX_QTY = 80

# fmt: off
# key, name, category, list price (USD), cost (USD)
PRODUCTS = (
    ("sofa_oslo", "Sofa Oslo, 3 seats", "sofa", 1200, 700),
    ("sofa_milan", "Corner Sofa Milan", "sofa", 2100, 1250),
    ("armchair_nord", "Armchair Nord", "sofa", 520, 290),
    ("wardrobe_classic", "Wardrobe Classic, 2 doors", "wardrobe", 880, 500),
    ("wardrobe_loft", "Sliding Wardrobe Loft, 3 doors", "wardrobe", 1450, 820),
    ("table_oak", "Dining Table Oak 180", "table", 950, 520),
    ("table_coffee", "Coffee Table Round", "table", 260, 140),
    ("desk_office", "Office Desk Pro 160", "table", 430, 240),
    ("chair_vienna", "Chair Vienna", "chair", 140, 70),
    ("chair_office", "Office Chair Ergo", "chair", 310, 170),
    ("bed_oak", "Bed Frame Oak 160", "bed", 1100, 600),
    ("mattress_ortho", "Mattress Ortho 160x200", "mattress", 640, 330),
    ("mattress_comfort", "Mattress Comfort 90x200", "mattress", 360, 180),
    ("cushion_set", "Cushion Set (4 pcs)", "accessory", 60, 25),
    ("sofa_cover", "Sofa Cover, washable", "accessory", 120, 50),
    ("pouf", "Pouf Velvet", "accessory", 150, 70),
    ("mirror_panel", "Mirror Door Panel", "accessory", 180, 80),
    ("drawer_insert", "Drawer Insert Set", "accessory", 95, 40),
    ("table_runner", "Linen Table Runner", "accessory", 35, 12),
    ("seat_pad", "Seat Pad", "accessory", 25, 9),
    ("mattress_topper", "Mattress Topper 160", "accessory", 160, 70),
    ("pillow_set", "Pillow Set (2 pcs)", "accessory", 80, 30),
)
# the optional products of a product (sale's optional_product_ids): buying one of them on a
# later day than the product is an add-on purchase
OPTIONAL_PRODUCTS = {
    "sofa_oslo": ("cushion_set", "sofa_cover"),
    "sofa_milan": ("cushion_set", "sofa_cover", "pouf"),
    "armchair_nord": ("cushion_set", "pouf"),
    "wardrobe_classic": ("mirror_panel", "drawer_insert"),
    "wardrobe_loft": ("mirror_panel", "drawer_insert"),
    "table_oak": ("chair_vienna", "table_runner"),
    "desk_office": ("chair_office", "drawer_insert"),
    "chair_vienna": ("seat_pad",),
    "chair_office": ("seat_pad",),
    "bed_oak": ("mattress_ortho", "pillow_set"),
    "mattress_ortho": ("mattress_topper", "pillow_set"),
    "mattress_comfort": ("mattress_topper", "pillow_set"),
}
# fmt: on
PRODUCT_BY_KEY = {product[0]: product for product in PRODUCTS}

# The supplier raised some costs during the history: an order line keeps the cost of the
# day it was sold (sale_margin's purchase_price), the product shows the current cost.
COST_CHANGES = (
    ("sofa_oslo", -420, 780),
    ("mattress_ortho", -300, 365),
    ("chair_vienna", -210, 78),
)

# What each kind of client buys: (product key, weight, usual quantity)
# fmt: off
BASKETS = {
    "hotel": (("bed_oak", 4, 6), ("mattress_ortho", 5, 8), ("wardrobe_classic", 3, 5),
              ("armchair_nord", 2, 4), ("table_coffee", 2, 4), ("mattress_comfort", 3, 8)),
    "office": (("desk_office", 5, 8), ("chair_office", 6, 10), ("wardrobe_loft", 1, 2),
               ("sofa_oslo", 1, 1), ("table_coffee", 1, 2)),
    "cafe": (("table_oak", 4, 4), ("chair_vienna", 6, 14), ("sofa_milan", 1, 1),
             ("armchair_nord", 2, 3), ("table_coffee", 2, 3)),
    "shop": (("sofa_oslo", 4, 3), ("sofa_milan", 3, 2), ("wardrobe_classic", 3, 3),
             ("wardrobe_loft", 2, 2), ("table_oak", 2, 2), ("mattress_ortho", 3, 4),
             ("bed_oak", 2, 2), ("chair_vienna", 2, 8)),
    "studio": (("sofa_milan", 3, 1), ("armchair_nord", 3, 2), ("table_coffee", 3, 1),
               ("table_oak", 2, 1), ("wardrobe_loft", 2, 1), ("chair_vienna", 2, 4)),
    "school": (("desk_office", 4, 10), ("chair_vienna", 4, 20), ("wardrobe_classic", 2, 3),
               ("mattress_comfort", 2, 10)),
}
# name parts: (kind word, basket, distribution role in crm_retention)
CLIENT_KINDS = (
    ("Furniture Store", "shop", "retail"),
    ("Mebel Opt", "shop", "wholesale"),
    ("Interiors", "studio", "retail"),
    ("Design Studio", "studio", "end_user"),
    ("Hotel", "hotel", "end_user"),
    ("Hostel", "hotel", "end_user"),
    ("Business Center", "office", "end_user"),
    ("Office Solutions", "office", "wholesale"),
    ("Cafe", "cafe", "end_user"),
    ("Restaurant", "cafe", "end_user"),
    ("Kindergarten", "school", "end_user"),
    ("Sanatorium", "hotel", "end_user"),
)
NAME_WORDS = (
    "Volga", "Kotorosl", "Severny", "Berezka", "Yarilo", "Uyutny Dom", "Zolotoe Koltso",
    "Strelka", "Lesnaya", "Ryabina", "Sosnovy Bor", "Volzhsky", "Tolga", "Demidov",
    "Nekrasov", "Sokol", "Yantar", "Lotos", "Rassvet", "Zarya", "Sever", "Vesna", "Klyon",
    "Kedr", "Oka", "Sheksna", "Mologa", "Ustye", "Medved", "Tereshkova", "Posad",
    "Gorod", "Slavyansky", "Ladya", "Parus",
)
CITIES = (
    ("Yaroslavl", "4852", "150"), ("Rybinsk", "4855", "152"), ("Kostroma", "4942", "156"),
    ("Vologda", "8172", "160"), ("Ivanovo", "4932", "153"), ("Tver", "4822", "170"),
    ("Uglich", "48532", "152"),
)
STREETS = ("Lenina St.", "Svobody St.", "Moskovsky Ave.", "Sovetskaya St.", "Kirova St.",
           "Pervomayskaya St.", "Volzhskaya Emb.", "Chkalova St.")
# the salon sells in euros to three foreign dealers
FOREIGN_CLIENTS = (
    ("Riga Interjers SIA", "lv", "Riga", "Brivibas iela 44", "+371 6721 4455", "LV40003123456"),
    ("Koti Sisustus Oy", "fi", "Helsinki", "Mannerheimintie 12", "+358 9 612 4400", "FI12345678"),
    ("Wohnraum Nord GmbH", "de", "Hamburg", "Steindamm 18", "+49 40 2846 3300", "DE812345678"),
)

# fmt: on

# client profiles: order gap (mean days, coefficient of variation), size (range of the
# quantity factor) and discount (range in %); _order_days() gives each its life span
PROFILES = {
    "key": {"gap": (60, 0.3), "size": (1.4, 7.0), "discount": (5, 12)},
    "regular": {"gap": (65, 0.15), "size": (0.2, 0.5), "discount": (0, 5)},
    "irregular": {"gap": (150, 0.9), "size": (0.2, 0.6), "discount": (0, 5)},
    "churned": {"gap": (80, 0.5), "size": (0.25, 0.7), "discount": (0, 5)},
    "new": {"gap": (35, 0.4), "size": (0.25, 0.6), "discount": (0, 5)},
    "one_off": {"gap": (0, 0), "size": (0.2, 0.6), "discount": (0, 5)},
    "foreign": {"gap": (110, 0.2), "size": (1.0, 1.6), "discount": (0, 5)},
}
PROFILE_COUNTS = (
    ("key", 18),
    ("regular", 28),
    ("irregular", 44),
    ("churned", 25),
    ("new", 17),
    ("one_off", 15),
)
# how a client pays (weights by profile in generate()); "bad" payers leave invoices unpaid
PAYER_KINDS = ("punctual", "late", "split", "bad")


def _day(value):
    return round(value)


def euro_rates(rng):
    """Monthly EUR rates (EUR for 1 USD) over the history, rounded to 4 decimals."""
    rates = []
    level = 0.92
    for day in range(FIRST_DAY - 30, 0, 30):
        level += rng.uniform(-0.012, 0.012) + 0.02 * math.sin(day / 160.0) / 6
        level = min(max(level, 0.86), 0.98)
        rates.append({"day": day, "rate": round(level, 4)})
    return rates


def rate_on(rates, day):
    """The EUR rate of ``day``: the last rate dated on or before it."""
    current = rates[0]["rate"]
    for rate in rates:
        if rate["day"] > day:
            break
        current = rate["rate"]
    return current


def _phone(rng, area_code):
    first, second, third = (rng.randint(10, 99) for _index in range(3))
    return f"+7 {area_code} {first}-{second}-{third}"


def _client_names(rng, count):
    names, used = [], set()
    while len(names) < count:
        word = rng.choice(NAME_WORDS)
        kind = rng.choice(CLIENT_KINDS)
        city = rng.choice(CITIES)
        name = f"{word} {kind[0]}"
        if name in used:
            name = f"{word} {kind[0]} ({city[0]})"
        if name in used:
            continue
        used.add(name)
        names.append((name, kind, city))
    return names


def _order_days(rng, profile):
    """The days a client orders on, by profile."""
    mean, cv = PROFILES[profile]["gap"]
    if profile == "key":
        start, end = rng.randint(FIRST_DAY, FIRST_DAY + 120), -2
    elif profile == "regular":
        start, end = rng.randint(FIRST_DAY, -300), -2
    elif profile == "foreign":
        start, end = rng.randint(-800, -600), -2
    elif profile == "irregular":
        start, end = rng.randint(FIRST_DAY, -150), -2
    elif profile == "churned":
        start = rng.randint(FIRST_DAY, FIRST_DAY + 200)
        end = rng.randint(-560, -370)  # stopped buying more than a year ago
    elif profile == "new":
        start, end = rng.randint(-120, -20), -2
    else:
        return [rng.randint(FIRST_DAY + 30, -10)]
    days = [start]
    while True:
        if cv < 0.6:
            gap = rng.gauss(mean, mean * cv)
        else:
            gap = rng.expovariate(1.0 / mean)  # irregular: exponential gaps, cv about 1
        gap = max(7, _day(gap))
        if days[-1] + gap > end:
            break
        days.append(days[-1] + gap)
    return days


def _basket(rng, client, bought, day, rates):
    """The lines of one order: main items of the client's kind, now and then add-ons of
    products bought on earlier orders."""
    basket = BASKETS[client["basket"]]
    weights = [item[1] for item in basket]
    lines = {}
    for _index in range(rng.choice((1, 1, 2, 2, 3))):
        key, _weight, usual = rng.choices(basket, weights)[0]
        qty = min(MAX_QTY, max(1, _day(usual * client["size"] * rng.uniform(0.5, 1.3))))
        lines[key] = lines.get(key, 0) + qty
    # add-on purchases: an optional product of something bought on an earlier order
    earlier = sorted(key for key, first in bought.items() if first < day)
    if earlier and rng.random() < 0.35:
        main = rng.choice(earlier)
        optional = OPTIONAL_PRODUCTS.get(main, ())
        if optional:
            addon = rng.choice(optional)
            lines[addon] = lines.get(addon, 0) + max(1, _day(rng.uniform(1, 4) * client["size"]))
    # bundled accessories bought with the main item the same day (not add-ons)
    if rng.random() < 0.2:
        main = rng.choice(sorted(lines))
        optional = OPTIONAL_PRODUCTS.get(main, ())
        if optional:
            extra = rng.choice(optional)
            lines[extra] = lines.get(extra, 0) + max(1, lines[main] // 2)
    low, high = PROFILES[client["profile"]]["discount"]
    result = []
    for key in sorted(lines):
        price = PRODUCT_BY_KEY[key][3]
        if client["currency"] == "EUR":
            price = round(price * rate_on(rates, day))
        discount = 0
        if high and rng.random() < 0.5:
            discount = rng.choice(range(low, high + 1, 1)) if low else rng.choice((0, 3, 5))
        result.append(
            {"product": key, "qty": min(MAX_QTY, lines[key]), "price": price, "discount": discount}
        )
    return result


def _payments(rng, client, invoice_day, term, is_last):
    """The payments of one invoice; those that would fall on or after the load day are
    dropped (the invoice stays open)."""
    payer = client["payer"]
    if payer == "bad" and (is_last or rng.random() < 0.25):
        return []  # never paid: overdue once the due date passes
    plan = []
    if term == "immediate":
        if payer in ("late", "bad"):
            plan = [{"day": invoice_day + rng.randint(3, 25), "kind": "rest"}]
        elif payer == "split":
            plan = [
                {"day": invoice_day, "kind": "share", "share": 0.5},
                {"day": invoice_day + rng.randint(10, 30), "kind": "rest"},
            ]
        else:
            plan = [{"day": invoice_day + rng.choice((0, 0, 0, 1, 2)), "kind": "rest"}]
    elif term == "30_days":
        due = invoice_day + 30
        if payer == "punctual":
            plan = [{"day": due - rng.randint(0, 12), "kind": "rest"}]
        elif payer in ("late", "bad"):
            plan = [{"day": due + rng.randint(6, 60), "kind": "rest"}]
        else:
            plan = [
                {"day": invoice_day + rng.randint(5, 20), "kind": "share", "share": 0.4},
                {"day": due + rng.randint(-3, 25), "kind": "rest"},
            ]
    else:  # 30/60/90: three instalments
        if payer == "punctual":
            plan = [
                {"day": invoice_day + due - rng.randint(0, 4), "kind": "instalments", "count": 1}
                for due in (30, 60, 90)
            ]
            plan[-1] = {"day": plan[-1]["day"], "kind": "rest"}
        elif payer == "split":
            # the first instalment on time, the two others together
            plan = [
                {"day": invoice_day + 30 - rng.randint(0, 3), "kind": "instalments", "count": 1},
                {"day": invoice_day + 90 + rng.randint(0, 10), "kind": "rest"},
            ]
        else:
            plan = [
                {"day": invoice_day + due + rng.randint(5, 35), "kind": "instalments", "count": 1}
                for due in (30, 60, 90)
            ]
            plan[-1] = {"day": plan[-1]["day"], "kind": "rest"}
    kept = []
    for payment in plan:
        # a client pays the instalments in their order
        day = max(payment["day"], kept[-1]["day"]) if kept else payment["day"]
        if day >= 0:
            break
        kept.append({**payment, "day": day})
    return kept


def generate(seed=SEED):
    """The whole history as a JSON-ready dict; the same seed gives the same document."""
    rng = random.Random(seed)
    rates = euro_rates(rng)
    clients = []
    profiles = [profile for profile, count in PROFILE_COUNTS for _index in range(count)]
    rng.shuffle(profiles)
    names = _client_names(rng, len(profiles))
    for index, (profile, (name, kind, city)) in enumerate(
        zip(profiles, names, strict=True), start=1
    ):
        low, high = PROFILES[profile]["size"]
        # sizes skewed towards the low end: a few clients weigh much more than others
        size = low + (high - low) * rng.random() ** 2
        if profile == "key":
            term = rng.choice(("30_days", "30_days", "30_60_90"))
            payer = rng.choices(PAYER_KINDS, (5, 2, 3, 0))[0]
        elif profile in ("regular", "new"):
            term = rng.choice(("immediate", "30_days", "30_days"))
            payer = rng.choices(PAYER_KINDS, (6, 2, 2, 0))[0]
        else:
            term = rng.choice(("immediate", "immediate", "30_days"))
            payer = rng.choices(PAYER_KINDS, (5, 3, 1, 1))[0]
        clients.append(
            {
                "key": f"c{index:03d}",
                "name": name,
                "country": "ru",
                "city": city[0],
                "zip": f"{city[2]}{rng.randint(0, 999):03d}",
                "street": f"{rng.randint(1, 140)} {rng.choice(STREETS)}",
                "phone": _phone(rng, city[1]),
                "email": f"office{index:03d}@client.example.com",
                "vat": f"76{rng.randint(10000000, 99999999)}",
                "distribution_role": kind[2],
                "salesperson": rng.choice(("admin", "demo")),
                "profile": profile,
                "payment_term": term,
                "payer": payer,
                "currency": "USD",
                "basket": kind[1],
                "size": round(size, 2),
            }
        )
    for index, (name, country, city, street, phone, vat) in enumerate(
        FOREIGN_CLIENTS, start=len(clients) + 1
    ):
        clients.append(
            {
                "key": f"c{index:03d}",
                "name": name,
                "country": country,
                "city": city,
                "zip": f"{rng.randint(10000, 99999)}",
                "street": street,
                "phone": phone,
                "email": f"office{index:03d}@client.example.com",
                "vat": vat,
                "distribution_role": "wholesale",
                "salesperson": "admin",
                "profile": "foreign",
                "payment_term": "30_days",
                "payer": ("punctual", "late", "split")[index % 3],
                "currency": "EUR",
                "basket": "shop",
                "size": round(rng.uniform(*PROFILES["foreign"]["size"]), 2),
            }
        )
    # a few key clients of a small salon carry most of the revenue
    orders = []
    for client in clients:
        days = _order_days(rng, client["profile"])
        bought = {}
        for number, day in enumerate(days, start=1):
            lines = _basket(rng, client, bought, day, rates)
            for line in lines:
                bought.setdefault(line["product"], day)
            order = {
                "key": f"{client['key']}-{number:02d}",
                "client": client["key"],
                "day": day,
                "hour": rng.randint(8, 16),
                "currency": client["currency"],
                "lines": lines,
                "invoice": None,
            }
            invoice_day = day + rng.choice((0, 0, 0, 1, 2, 3, 5))
            if invoice_day <= INVOICE_CUTOFF:
                invoice = {
                    "day": invoice_day,
                    "payment_term": client["payment_term"],
                    "refund": None,
                }
                # a partial return: one line (or part of it) comes back a few days later
                refund = None
                if rng.random() < 0.025 and invoice_day + 20 < 0:
                    line = rng.choice(lines)
                    refund = {
                        "day": invoice_day + rng.randint(4, 18),
                        "product": line["product"],
                        "qty": rng.randint(1, line["qty"]),
                    }
                invoice["refund"] = refund
                invoice["payments"] = _payments(
                    rng, client, invoice_day, client["payment_term"], number == len(days)
                )
                if refund:
                    # the client pays what is left after the return, in one payment
                    invoice["payments"] = [
                        {"day": max(refund["day"], payment["day"]), "kind": "rest"}
                        for payment in invoice["payments"][-1:]
                    ]
                order["invoice"] = invoice
            orders.append(order)
    orders.sort(key=lambda order: (order["day"], order["key"]))
    return {
        "format": FORMAT,
        "seed": seed,
        "first_day": FIRST_DAY,
        "currency_rates": {"EUR": rates},
        "payment_terms": {
            "immediate": "account.account_payment_term_immediate",
            "30_days": "account.account_payment_term_30days",
            "30_60_90": "crm_retention.demo_payment_term_30_60_90",
        },
        "products": [
            {
                "key": key,
                "name": name,
                "category": category,
                "list_price": price,
                "cost": cost,
                "optional": list(OPTIONAL_PRODUCTS.get(key, ())),
            }
            for key, name, category, price, cost in PRODUCTS
        ],
        "cost_changes": [
            {"product": key, "day": day, "cost": cost} for key, day, cost in COST_CHANGES
        ],
        "clients": clients,
        "orders": orders,
    }


def summary(history):
    """The story in numbers (untaxed revenue in USD, EUR converted at the order day)."""
    rates = history["currency_rates"]["EUR"]
    revenue = {}
    invoices = refunds = eur = unpaid_overdue = 0
    for order in history["orders"]:
        invoice = order["invoice"]
        if not invoice:
            continue
        invoices += 1
        refunds += bool(invoice["refund"])
        eur += order["currency"] == "EUR"
        amount = sum(
            line["qty"] * line["price"] * (100 - line["discount"]) / 100 for line in order["lines"]
        )
        if order["currency"] == "EUR":
            amount /= rate_on(rates, order["day"])
        revenue[order["client"]] = revenue.get(order["client"], 0) + amount
        last_due = (
            invoice["day"]
            + {"immediate": 0, "30_days": 30, "30_60_90": 90}[invoice["payment_term"]]
        )
        paid = any(payment["kind"] == "rest" for payment in invoice["payments"])
        unpaid_overdue += not paid and last_due < 0
    ranked = sorted(revenue.values(), reverse=True)
    top = ranked[: round(len(ranked) / 5)]
    return {
        "clients": len(history["clients"]),
        "orders": len(history["orders"]),
        "invoices": invoices,
        "refunds": refunds,
        "eur_invoices": eur,
        "invoices_not_fully_paid_after_last_due_date": unpaid_overdue,
        "revenue_usd": round(sum(ranked)),
        "top_20_percent_share": round(100 * sum(top) / sum(ranked), 1),
    }


def dumps(history):
    """The JSON text, exactly as committed: sorted keys, one line per list item (an order,
    a client, a product), so that a change of the generator reads well in a diff."""

    def compact(value):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    parts = []
    for key in sorted(history):
        value = history[key]
        if isinstance(value, list):
            text = "[\n" + ",\n".join(f"  {compact(item)}" for item in value) + "\n ]"
        else:
            text = compact(value)
        parts.append(f" {compact(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", help="write the JSON to this file instead of printing it")
    parser.add_argument("--summary", action="store_true", help="print the story in numbers")
    args = parser.parse_args(argv)
    history = generate()
    if args.summary:
        print(json.dumps(summary(history), indent=1))
        return
    text = dumps(history)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as output:
            output.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
