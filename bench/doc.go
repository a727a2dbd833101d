// Package bench holds Nextfiber's benchmarks and its comparison harness.
//
// BenchmarkPipeline drives the whole request pipeline on conformance
// fixture a through fasthttp without a network, one scenario per hot path;
// BenchmarkRuleScaling serves the same requests with 10 to 10,000
// generated config rules per kind, to show the rule index keeps the cost
// flat:
//
//	go test -run '^$' -bench BenchmarkPipeline -benchmem ./bench/...
//	go test -run '^$' -bench BenchmarkRuleScaling -benchmem ./bench/...
//
// Neither runs under plain go test. The harness (bash bench/run.sh, see
// README.md) compares Nextfiber with a bare Fiber app (cmd/fiberbase) and
// with Next.js over real loopback HTTP and writes RESULTS.md.
package bench
