# Convenience targets; the scripts are the real entry points.
.PHONY: package test start

package:
	bash scripts/package.sh

test:
	bash scripts/test.sh

start:
	bash scripts/start.sh
