// Package bench holds Nextfiber's benchmarks. BenchmarkPipeline drives the
// whole request pipeline on conformance fixture a through fasthttp without
// a network, one scenario per hot path:
//
//	go test -run '^$' -bench BenchmarkPipeline -benchmem ./bench/...
package bench
