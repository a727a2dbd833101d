package dev

import "time"

// burst gathers the file events of one burst: an editor saving (a temp
// file, a rename, a chmod), a formatter rewriting a folder, a git checkout.
// It is due once no event has come for quiet, or max after its first
// event, whichever is sooner, so that a steady stream of writes cannot put
// the rebuild off for ever.
type burst struct {
	quiet, max  time.Duration
	first, last time.Time // zero when no event is pending
}

// add records an event at now.
func (b *burst) add(now time.Time) {
	if b.first.IsZero() {
		b.first = now
	}
	b.last = now
}

// pending reports whether events came since the last clear.
func (b *burst) pending() bool { return !b.first.IsZero() }

// due is when the pending events should be acted on.
func (b *burst) due() time.Time {
	quiet, latest := b.last.Add(b.quiet), b.first.Add(b.max)
	if latest.Before(quiet) {
		return latest
	}
	return quiet
}

// clear forgets the pending events: they are being acted on.
func (b *burst) clear() { b.first, b.last = time.Time{}, time.Time{} }
