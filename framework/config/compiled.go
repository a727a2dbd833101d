package config

import (
	"slices"

	"github.com/nextfiber/nextfiber/framework/match"
)

// Compiled is a rule as package match compiles it: what the server matches
// requests with and builds destinations from. Validate compiles each rule
// once, which is how it finds pattern errors, and keeps the result on the
// rule, so that nothing is compiled a second time to serve.
type Compiled struct {
	// Pattern is the compiled Source.
	Pattern *match.Pattern
	// Conditions are the compiled Has and Missing, nil when the rule has
	// neither.
	Conditions *match.Conditions
	// Destination is a redirect's or rewrite's compiled destination, nil
	// for a header rule.
	Destination *match.Destination
}

// Compiled returns what Validate compiled for the rule, nil until a
// Validate has compiled it.
func (r *Rule) Compiled() *Compiled { return r.compiled }

// Names lists the params a match of the rule provides, for its
// destination or header values: the source's, then the has list's.
func (c *Compiled) Names() []string {
	return slices.Concat(c.Pattern.Names(), c.Conditions.Names())
}

// compile compiles the rule's source, has/missing and destination, keeping
// the result on the rule when all of them compile.
func (c *Config) compile(ar anyRule) error {
	r := ar.rule()
	out := &Compiled{}
	var err error
	if out.Pattern, err = match.Compile(r.Source); err != nil {
		return c.ruleErr(r, "source", "source %q: %w", r.Source, err)
	}
	if len(r.Has)+len(r.Missing) > 0 {
		if out.Conditions, err = match.CompileConditions(r.Has, r.Missing); err != nil {
			return c.conditionErr(r, err)
		}
	}
	if dest, ok := ar.destination(); ok {
		if out.Destination, err = match.CompileDestination(dest, out.Names()); err != nil {
			return c.ruleErr(r, "destination", "destination %q: %w", dest, err)
		}
	}
	r.compiled = out
	return nil
}
