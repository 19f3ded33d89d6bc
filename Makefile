# route53-ddns: the two commands of the README, and helpers.
.PHONY: demo test bench measure build package deploy clean

demo:        ## Run the local demo against an emulator it starts itself
	bin/demo

test:        ## Run every test (starts the emulator it needs)
	bin/test

bench:       ## Reconcile, organization, organization-scale, burst, spread-burst, lifecycle-hook, alert and refusal benchmarks (print figures to target/benchmark.txt; not part of test)
	bin/setup-venv
	bin/mvnw-jdk -B -ntp test -Dddns.groups=benchmark -Dddns.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false

measure:     ## Cold start of the handler (JVM start to first event handled), median of 7 runs
	bin/measure-init

build:       ## Build target/route53-ddns.jar without running tests
	bin/mvnw-jdk -q -B -ntp -DskipTests package

package: build ## The deployment artifact, with its size
	@echo "target/route53-ddns.jar: $$(( $$(stat -c %s target/route53-ddns.jar) / 1024 / 1024 )) MiB ($$(stat -c %s target/route53-ddns.jar) bytes)"

deploy:      ## Build the jar and deploy the stack with SAM from samconfig.toml (first time: make deploy GUIDED=1)
	bin/deploy

clean:
	bin/mvnw-jdk -q -B -ntp clean
