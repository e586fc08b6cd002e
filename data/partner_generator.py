"""Deterministic generator of furniture-trade partner records for samples and benchmarks.

python data/partner_generator.py 5 > partners.csv   # a CSV sample for the import screen
"""

import csv
import random
import sys

CITIES = ("Yaroslavl", "Rybinsk", "Kostroma", "Vologda", "Ivanovo", "Tver", "Uglich")
KINDS = ("Furniture", "Interiors", "Mebel", "Wood", "Sofa", "Kitchen", "Office")
SUFFIXES = ("Ltd", "LLC", "House", "Trade", "Group", "Market")


def partner_values(count, seed=2026):
    """Yield ``count`` complete, valid company partners (vat, phone, e-mail, city)."""
    rng = random.Random(seed)
    for index in range(count):
        name = f"{rng.choice(KINDS)} {rng.choice(SUFFIXES)} {index:06d}"
        yield {
            "name": name,
            "is_company": True,
            "vat": f"76{index:08d}",
            "phone": f"+7 4852 {rng.randint(10, 99)}-{rng.randint(10, 99)}-{index % 100:02d}",
            "email": f"office{index}@example.com",
            "city": rng.choice(CITIES),
            "street": f"{rng.randint(1, 120)} Lenina St.",
        }


def main(argv):
    count = int(argv[1]) if len(argv) > 1 else 10
    rows = list(partner_values(count))
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)


if __name__ == "__main__":
    main(sys.argv)
