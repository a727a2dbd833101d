// Package tests holds Nextfiber's integration tests: real servers on
// 127.0.0.1 spoken to over real HTTP. Conformance replays live in
// tests/conformance.
package tests
