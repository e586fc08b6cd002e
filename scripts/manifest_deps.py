"""What a set of modules depends on outside itself, read from their manifests.

    python scripts/manifest_deps.py MODULE_DIR [MODULE_DIR...]

Prints, comma-separated and sorted, the direct dependencies of the modules in these
directories that are not among them: Odoo's own apps (crm, sale, ...). Used by
`scripts/test.sh` (FAST: the cached database of Odoo's apps) and `scripts/bench.sh`
(the stock reference database).
"""

import ast
import sys
from pathlib import Path


def external_depends(module_dirs):
    modules = {Path(module_dir).name for module_dir in module_dirs}
    depends = set()
    for module_dir in module_dirs:
        manifest = ast.literal_eval((Path(module_dir) / "__manifest__.py").read_text())
        depends.update(manifest.get("depends", []))
    return sorted(depends - modules)


if __name__ == "__main__":
    print(",".join(external_depends(sys.argv[1:])))
